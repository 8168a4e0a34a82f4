namespace HarvestOrleans.Policies;

/// <summary>A completed invocation, as a <see cref="ResourceUsageHistory"/> records it.</summary>
/// <param name="Allocation">What it was given.</param>
/// <param name="Succeeded">It returned a result (not an error or a timeout).</param>
/// <param name="Peak">What it used at its peak (a part not measured: null).</param>
/// <param name="AverageCores">CPU-seconds per second of its execution (<c>InvocationRecord.AverageCores</c>); null if not measured.</param>
/// <param name="Recalibration">
/// The safeguard decided its allocation (<see cref="ResourceDecision.IsSafeguard"/>): the recent peaks start again from it.
/// </param>
public readonly record struct ResourceOutcome(ResourceAllocation Allocation, bool Succeeded, ResourceUsage Peak, double? AverageCores, bool Recalibration);
