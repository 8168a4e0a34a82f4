namespace HarvestOrleans.Policies;

/// <summary>
/// Long functions may use Harvest VMs while their measured eviction-failure rate stays under the target; above it
/// they are confined to Regular VMs until the rate (diluted by later successes) falls back under it.
/// </summary>
public sealed class BoundedFailuresPolicy : IEvictionPolicy
{
    public string Name => EvictionPolicyNames.BoundedFailures;

    public IReadOnlyList<VmView> AllowedVms(FunctionEvictionProfile function, IReadOnlyList<VmView> cluster, EvictionPolicySettings settings) =>
        function.IsLong(settings.LongThreshold) && function.EvictionFailureRate >= settings.FailureRateTarget
            ? cluster.Where(v => v.IsRegular).ToArray()
            : cluster;
}
