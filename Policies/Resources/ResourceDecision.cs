namespace HarvestOrleans.Policies;

/// <summary>One invocation's allocation and why; never more cores than the VM has (see <see cref="Within"/>).</summary>
/// <param name="Allocation">What the invocation gets.</param>
/// <param name="Reason">Why.</param>
/// <param name="ClampedToVm">The policy wanted more cores than the VM has now; <paramref name="Allocation"/> has the VM's.</param>
public readonly record struct ResourceDecision(ResourceAllocation Allocation, ResourceDecisionReason Reason, bool ClampedToVm = false)
{
    /// <summary>
    /// <paramref name="allocation"/> with at most <paramref name="vm"/>'s current cores. A VM at 0 cores admits nothing
    /// until it grows, so the allocation is left as it is there: 0 cores would pass the admission's core check for free.
    /// </summary>
    public static ResourceDecision Within(ResourceAllocation allocation, ResourceDecisionReason reason, VmResources vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return vm.Cores > 0 && allocation.Cores > vm.Cores
            ? new ResourceDecision(allocation with { Cores = vm.Cores }, reason, ClampedToVm: true)
            : new ResourceDecision(allocation, reason);
    }

    /// <summary>The safeguard decided it (see <see cref="ResourceUsageHistory"/>: such a run restarts the recent peaks).</summary>
    public bool IsSafeguard => Reason is ResourceDecisionReason.NoHistory or ResourceDecisionReason.LastRunFailed or ResourceDecisionReason.UsageSpike;
}
