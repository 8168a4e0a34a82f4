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
    /// average cores (CPU-seconds per second of execution), the most cores it used at once (its most concurrent runs
    /// times their share of time on a CPU), each null when not measured, and nothing of its memory. A peak under the
    /// average is a measurement artefact (a very short run), so the peak is at least the average; with no peak
    /// measured, the average stands for it. A managed-allocation count is not a peak of memory, so memory is left
    /// unmeasured and every policy keeps it at the configuration. A measure that is not a finite non-negative number
    /// counts as not measured.
    /// </summary>
    public static ResourceOutcome Measured(ResourceDecision decision, bool succeeded, double? averageCores, double? peakCores = null)
    {
        var average = Valid(averageCores);
        var peak = Valid(peakCores) is { } p && p > 0 ? Math.Max(p, average ?? 0) : average;
        return new ResourceOutcome(decision.Allocation, succeeded, new ResourceUsage(peak, null), average, decision.IsSafeguard);
    }

    private static double? Valid(double? value) => value is { } v && double.IsFinite(v) && v >= 0 ? v : null;
}
