namespace HarvestOrleans.Policies;

/// <summary>
/// Freyr's safeguard, as the paper and the authors' <c>get_observation</c> have it, per resource:
/// <list type="bullet">
/// <item>no completed invocation yet, or the last one failed: the user's configuration;</item>
/// <item>over-provisioned (last peak ≤ threshold × configuration): if the last peak reached the threshold of the
/// (reduced) allocation it had, a usage spike — back to the configuration at once; otherwise harvest within
/// [recent peak + 1 step, configuration];</item>
/// <item>under-provisioned: accelerate within [recent peak + 1 step, ceiling], the ceiling being the cap, the VM's free
/// resources (acceleration takes only idle ones) and, for cores, where the measured speedup profile stops growing
/// (<see cref="SpeedupCurve"/>), but at least the configuration.</item>
/// </list>
/// A resource not measured stays at its configuration. "+ 1 step" is the grid level just above the peak (the authors'
/// <c>int(peak) + 1</c> in their units).
/// </summary>
public static class FreyrSafeguard
{
    /// <summary>What the safeguard allows the invocation <paramref name="request"/> describes.</summary>
    public static SafeguardVerdict Judge(ResourceRequest request, ResourcePolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        var (configured, history, vm) = (request.Configured, request.History, request.Vm);
        if (history.IsEmpty || history.LastFailed)
        {
            var reason = history.IsEmpty ? ResourceDecisionReason.NoHistory : ResourceDecisionReason.LastRunFailed;
            return new SafeguardVerdict(AllocationRange.Only(configured.Cores), AllocationRange.Only(configured.MemoryMb), reason);
        }

        var coreCeiling = Math.Min(Math.Min(settings.MaxCores, Math.Max(vm.Cores, 0)), Math.Max(vm.FreeCores, 0));
        if (SpeedupCurve.AccelerationLimit(history.Speedup, settings) is { } limit)
        {
            coreCeiling = Math.Min(coreCeiling, limit);
        }

        var memoryCeiling = Math.Min(settings.MaxMemoryMb, Math.Max(vm.FreeMemoryMb, 0));
        var cores = Range(configured.Cores, history.LastPeak.Cores, history.LastAllocation.Cores, history.RecentPeak.Cores,
            settings.CpuStep, coreCeiling, settings.UsageThreshold, out var coresSpiked);
        var memory = Range(configured.MemoryMb, history.LastPeak.MemoryMb, history.LastAllocation.MemoryMb, history.RecentPeak.MemoryMb,
            settings.MemoryStepMb, memoryCeiling, settings.UsageThreshold, out var memorySpiked);
        return new SafeguardVerdict(cores, memory, coresSpiked || memorySpiked ? ResourceDecisionReason.UsageSpike : null);
    }

    /// <summary>The grid level just above <paramref name="value"/>: the next multiple of <paramref name="step"/> strictly above it.</summary>
    public static double OneStepAbove(double value, double step) => (Math.Floor(value / step + 1e-9) + 1) * step;

    private static AllocationRange Range(
        double configured, double? lastPeak, double lastAllocated, double? recentPeak, double step, double ceiling, double threshold, out bool spiked)
    {
        spiked = false;
        if (lastPeak is not { } peak || recentPeak is not { } recent || !(lastAllocated > 0) || !(configured > 0))
        {
            return AllocationRange.Only(configured);
        }

        if (peak / configured <= threshold)
        {
            if (peak / lastAllocated >= threshold)
            {
                spiked = true;
                return AllocationRange.Only(configured);
            }

            return new AllocationRange(Math.Min(OneStepAbove(recent, step), configured), configured);
        }

        var upper = Math.Max(configured, ceiling);
        return new AllocationRange(Math.Min(OneStepAbove(recent, step), upper), upper);
    }
}
