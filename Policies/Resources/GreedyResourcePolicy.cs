namespace HarvestOrleans.Policies;

/// <summary>
/// The Freyr paper's greedy baseline (the authors' <c>greedy_rm.py</c>): per resource, from the last invocation, one
/// step down when its peak was at most <see cref="ResourcePolicySettings.UsageThreshold"/> of what it was given,
/// otherwise one step up; never below one step, never above the cap, and the configuration before any history or for a
/// resource that was not measured. It has no safeguard (that is the point of the comparison).
/// </summary>
public sealed class GreedyResourcePolicy : IResourcePolicy
{
    /// <inheritdoc/>
    public string Name => ResourcePolicyNames.Greedy;

    /// <inheritdoc/>
    public ResourceDecision Decide(ResourceRequest request, ResourcePolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        var (configured, history) = (request.Configured, request.History);
        if (history.IsEmpty)
        {
            return ResourceDecision.Within(configured, ResourceDecisionReason.Configured, request.Vm);
        }

        var cores = Step(configured.Cores, history.LastAllocation.Cores, history.LastPeak.Cores, settings.CpuStep,
            Math.Max(settings.MaxCores, configured.Cores), settings.UsageThreshold);
        var memory = Step(configured.MemoryMb, history.LastAllocation.MemoryMb, history.LastPeak.MemoryMb, settings.MemoryStepMb,
            Math.Max(settings.MaxMemoryMb, configured.MemoryMb), settings.UsageThreshold);
        return ResourceDecision.Within(new ResourceAllocation(cores, memory), ResourceDecisionReason.Stepped, request.Vm);
    }

    private static double Step(double configured, double last, double? peak, double step, double cap, double threshold)
    {
        if (peak is not { } used || !(last > 0))
        {
            return configured;
        }

        // Down to one step at least (or to the last allocation, when that was already below one step).
        return used / last <= threshold ? Math.Max(last - step, Math.Min(step, last)) : Math.Min(last + step, cap);
    }
}
