namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>
/// One eviction policy at one lifetime: the run on the fewest regular VMs that meets the capacity SLO (or the most
/// tried), and every run of the search, by regular VMs.
/// </summary>
public sealed record EvictionsPolicy(string Policy, double MeanLifetimeDays, EvictionsRun Chosen, IReadOnlyList<EvictionsRun> Searched, bool MeetsSlo)
{
    /// <summary>The run on the starting cluster (the fewest regular VMs).</summary>
    public EvictionsRun AtBase => Searched[0];
}
