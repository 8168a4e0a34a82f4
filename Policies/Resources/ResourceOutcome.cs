namespace HarvestOrleans.Policies;

/// <summary>A completed invocation, as a <see cref="ResourceUsageHistory"/> records it.</summary>
/// <param name="Allocation">What it was given.</param>
/// <param name="Succeeded">It returned a result (not an error or a timeout).</param>
/// <param name="Peak">What it used at its peak (a part not measured: null).</param>
/// <param name="AverageCores">CPU-seconds per second of its execution (<c>InvocationRecord.AverageCores</c>); null if not measured.</param>
/// <param name="Recalibration">
/// The safeguard decided its allocation (<see cref="ResourceDecision.IsSafeguard"/>): the recent peaks start again from it.
/// </param>
public readonly record struct ResourceOutcome(ResourceAllocation Allocation, bool Succeeded, ResourceUsage Peak, double? AverageCores, bool Recalibration)
{
    /// <summary>
    /// The outcome of a run given <paramref name="decision"/>, from what a runtime measures of one invocation: its
    /// average cores (CPU-seconds per second of execution; null when not measured) and nothing of its memory. A peak
    /// of CPU within one invocation is not measured, so its mean stands for its peak (the finest rate measured per
    /// invocation; the Freyr authors' peak is a sampled rate too, over intervals longer than most invocations); a
    /// managed-allocation count is not a peak of memory, so memory is left unmeasured and every policy keeps it at
    /// the configuration. A measured rate that is not a finite non-negative number counts as not measured.
    /// </summary>
    public static ResourceOutcome Measured(ResourceDecision decision, bool succeeded, double? averageCores)
    {
        var cores = averageCores is { } used && double.IsFinite(used) && used >= 0 ? used : (double?)null;
        return new ResourceOutcome(decision.Allocation, succeeded, new ResourceUsage(cores, null), cores, decision.IsSafeguard);
    }
}
