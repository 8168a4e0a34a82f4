namespace HarvestOrleans.Policies;

/// <summary>What Freyr's safeguard allows one invocation, per resource, and whether it stepped in.</summary>
/// <param name="Cores">The cores allowed.</param>
/// <param name="Memory">The memory allowed.</param>
/// <param name="Safeguard">
/// The rule that pinned a resource to the user's configuration (<see cref="ResourceDecisionReason.NoHistory"/>,
/// <see cref="ResourceDecisionReason.LastRunFailed"/>, <see cref="ResourceDecisionReason.UsageSpike"/>); null when none did.
/// </param>
public sealed record SafeguardVerdict(AllocationRange Cores, AllocationRange Memory, ResourceDecisionReason? Safeguard)
{
    // Allocations are compared with the VM's cores with the same slack as the ranges'.
    private const double TOLERANCE = 1e-9;

    /// <summary>Whether <paramref name="action"/> is valid: within both ranges and within <paramref name="vm"/>'s current cores.</summary>
    public bool Allows(ResourceAllocation action, VmResources vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return Cores.Contains(action.Cores) && Memory.Contains(action.MemoryMb) && action.Cores <= vm.Cores + TOLERANCE;
    }

    /// <summary>The valid actions of <paramref name="grid"/>, by index: the mask the policy chooses under.</summary>
    public bool[] Mask(ActionGrid grid, VmResources vm)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var mask = new bool[grid.Count];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = Allows(grid[i], vm);
        }

        return mask;
    }
}
