namespace HarvestOrleans.Policies;

/// <summary>What an eviction policy knows about a function.</summary>
/// <param name="DeclaredLong">The function's spec says it runs long.</param>
/// <param name="ObservedP99Seconds">p99 of recent execution times, if any were measured.</param>
/// <param name="ObservedMaxSeconds">Longest recent execution time, if any was measured.</param>
/// <param name="Invocations">Invocations that reached a final state (the denominator of the failure rate).</param>
/// <param name="EvictionFailures">Invocations cut off by an eviction.</param>
public sealed record FunctionEvictionProfile(
    bool DeclaredLong,
    double? ObservedP99Seconds,
    double? ObservedMaxSeconds,
    long Invocations,
    long EvictionFailures)
{
    public double EvictionFailureRate => Invocations == 0 ? 0 : (double)EvictionFailures / Invocations;

    /// <summary>Long: declared so, or observed p99 or max over the threshold (30 s in the paper).</summary>
    public bool IsLong(TimeSpan threshold) =>
        DeclaredLong || ObservedP99Seconds > threshold.TotalSeconds || ObservedMaxSeconds > threshold.TotalSeconds;
}

/// <summary>
/// Which VMs a function may run on, given how evictions hurt it (paper §"Handling evictions"). Applied before load
/// balancing: the balancing policy plans only over the VMs this returns. Implementations are stateless; register one
/// under its <see cref="IPolicy.Name"/> to make it selectable (see <see cref="EvictionPolicies"/>).
/// </summary>
public interface IEvictionPolicy : IPolicy
{
    /// <summary>The VMs of <paramref name="cluster"/> that <paramref name="function"/> may run on, with <paramref name="settings"/>.</summary>
    IReadOnlyList<VmView> AllowedVms(FunctionEvictionProfile function, IReadOnlyList<VmView> cluster, EvictionPolicySettings settings);
}
