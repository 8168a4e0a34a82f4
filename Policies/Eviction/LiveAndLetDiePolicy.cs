namespace HarvestOrleans.Policies;

/// <summary>Everything runs on every VM, harvest or not; evictions are accepted (the paper's choice: 99.99% still succeed).</summary>
public sealed class LiveAndLetDiePolicy : IEvictionPolicy
{
    public string Name => EvictionPolicyNames.LiveAndLetDie;

    public IReadOnlyList<VmView> AllowedVms(FunctionEvictionProfile function, IReadOnlyList<VmView> cluster, EvictionPolicySettings settings) => cluster;
}
