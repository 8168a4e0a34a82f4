namespace HarvestOrleans.Simulation.Inputs;

/// <summary>How a VM is bought: at list price, or harvested/spot at a discount and evictable.</summary>
public enum VmKind
{
    Regular,
    Harvest,
    Spot,
}

/// <summary>From <see cref="AtSeconds"/> on, the VM has <see cref="Cores"/> cores (a harvest trace line).</summary>
public readonly record struct CoreStep(double AtSeconds, double Cores);

/// <summary>
/// One VM of a simulated cluster: its kind and price, its cores over time (a harvest trace; one step for a fixed VM),
/// and how it ends, if it does: an eviction notice then loss at the deadline, or a loss without notice.
/// </summary>
/// <param name="VmId">Stable id (its ring key).</param>
/// <param name="Kind">Regular, Harvest or Spot.</param>
/// <param name="MemoryMb">Memory placement plans with.</param>
/// <param name="Cores">Core steps, non-decreasing in time, at least one.</param>
/// <param name="PricePerCoreHour">What one core costs per hour (the cost model charges the VM's cores over time).</param>
public sealed record SimVmSpec(string VmId, VmKind Kind, double MemoryMb, IReadOnlyList<CoreStep> Cores, double PricePerCoreHour)
{
    /// <summary>When the eviction notice arrives (seconds), if it does; the VM is lost <see cref="NoticeSeconds"/> later.</summary>
    public double? NoticeAtSeconds { get; init; }

    /// <summary>Notice length, in seconds (Azure gives ~30 s).</summary>
    public double NoticeSeconds { get; init; } = 30;

    /// <summary>When the VM is lost without notice (seconds), if it is.</summary>
    public double? LostAtSeconds { get; init; }

    /// <summary>When the VM joins (seconds); a replacement joins later than the start.</summary>
    public double JoinAtSeconds { get; init; }

    public bool IsRegular => Kind == VmKind.Regular;
}
