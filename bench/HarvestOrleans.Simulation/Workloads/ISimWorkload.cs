using HarvestOrleans.Simulation.Output;

namespace HarvestOrleans.Simulation.Workloads;

/// <summary>Who sends invocations: an open-loop schedule, or closed-loop users who wait for each result.</summary>
public interface ISimWorkload
{
    void Start(IWorkloadHost host);

    void OnWake(IWorkloadHost host, int token);

    void OnFinal(IWorkloadHost host, in SimRecord record, int token);
}
