namespace HarvestOrleans.Simulation.Workloads;

/// <summary>What a workload can do in a run: read the time, sleep until a time, invoke a function.</summary>
public interface IWorkloadHost
{
    double NowSeconds { get; }

    /// <summary>When the workload stops sending (seconds).</summary>
    double EndSeconds { get; }

    /// <summary>The workload's own random source (seeded from the run's seed).</summary>
    Random Random { get; }

    /// <summary>Calls <see cref="ISimWorkload.OnWake"/> with <paramref name="token"/> at <paramref name="atSeconds"/>.</summary>
    void WakeAt(double atSeconds, int token);

    /// <summary>Sends one invocation of function <paramref name="function"/>; its final record comes back with <paramref name="token"/>.</summary>
    void Invoke(int function, int token);
}
