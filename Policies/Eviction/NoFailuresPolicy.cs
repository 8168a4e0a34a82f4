namespace HarvestOrleans.Policies;

/// <summary>Long functions run only on Regular VMs, so an eviction can never cut one off; short ones run anywhere.</summary>
public sealed class NoFailuresPolicy : IEvictionPolicy
{
    public string Name => EvictionPolicyNames.NoFailures;

    public IReadOnlyList<VmView> AllowedVms(FunctionEvictionProfile function, IReadOnlyList<VmView> cluster, EvictionPolicySettings settings) =>
        function.IsLong(settings.LongThreshold) ? cluster.Where(v => v.IsRegular).ToArray() : cluster;
}
