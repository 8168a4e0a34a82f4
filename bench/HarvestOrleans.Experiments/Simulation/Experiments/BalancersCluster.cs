using HarvestOrleans.Simulation.Inputs;
using HarvestOrleans.Simulation.Output;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>One trace's cluster as the balancing experiment runs it, with its cores over the run.</summary>
public sealed record BalancersCluster(string Trace, IReadOnlyList<SimVmSpec> Vms, double Seconds)
{
    /// <summary>Time-weighted mean of the cluster's cores over the run.</summary>
    public double MeanCores => Vms.Sum(v => CostModel.CoreHours(v, Seconds)) * 3600 / Seconds;

    public double MinVmCores => Vms.Min(v => v.Cores.Min(s => s.Cores));

    public double MaxVmCores => Vms.Max(v => v.Cores.Max(s => s.Cores));

    /// <summary>Core changes of all VMs during the run.</summary>
    public int CoreChanges => Vms.Sum(v => v.Cores.Count(s => s.AtSeconds > 0 && s.AtSeconds < Seconds));
}
