namespace HarvestOrleans.UnitTests.Policies;

[Trait("Category", "Unit")]
public class EvictionPolicyTests
{
    private static readonly VmView[] Cluster =
    [
        new("harvest-1", 8, 8192, 0, 0),
        new("harvest-2", 8, 8192, 0, 0),
        new("regular-1", 4, 8192, 0, 0, IsRegular: true),
    ];

    private static readonly EvictionPolicySettings Settings = new() { LongThreshold = TimeSpan.FromSeconds(30), FailureRateTarget = 0.01 };

    private static FunctionEvictionProfile Short => new(false, 0.2, 1.0, 1000, 0);

    private static FunctionEvictionProfile LongObserved(long failures = 0) => new(false, 45, 60, 1000, failures);

    [Fact]
    public void Long_means_declared_or_observed_p99_or_max_over_the_threshold()
    {
        Assert.False(Short.IsLong(TimeSpan.FromSeconds(30)));
        Assert.True(new FunctionEvictionProfile(true, null, null, 0, 0).IsLong(TimeSpan.FromSeconds(30)));
        Assert.True(new FunctionEvictionProfile(false, 10, 31, 10, 0).IsLong(TimeSpan.FromSeconds(30)));
        Assert.True(new FunctionEvictionProfile(false, 31, 31, 10, 0).IsLong(TimeSpan.FromSeconds(30)));
        Assert.False(new FunctionEvictionProfile(false, null, null, 0, 0).IsLong(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void LiveAndLetDie_allows_every_vm()
    {
        var policy = new EvictionPolicies().Get(EvictionPolicyNames.LiveAndLetDie);
        Assert.Equal(Cluster, policy.AllowedVms(LongObserved(failures: 500), Cluster, Settings));
    }

    [Fact]
    public void NoFailures_keeps_long_functions_on_regular_vms_only()
    {
        var policy = new EvictionPolicies().Get(EvictionPolicyNames.NoFailures);
        Assert.Equal(Cluster, policy.AllowedVms(Short, Cluster, Settings));
        Assert.Equal(["regular-1"], policy.AllowedVms(LongObserved(), Cluster, Settings).Select(v => v.VmId));
    }

    [Fact]
    public void BoundedFailures_lets_long_functions_use_harvest_vms_while_under_the_target()
    {
        var policy = new EvictionPolicies().Get(EvictionPolicyNames.BoundedFailures);
        Assert.Equal(Cluster, policy.AllowedVms(LongObserved(failures: 9), Cluster, Settings)); // 0.9% < 1%
        Assert.Equal(["regular-1"], policy.AllowedVms(LongObserved(failures: 10), Cluster, Settings).Select(v => v.VmId)); // 1% reached
        Assert.Equal(Cluster, policy.AllowedVms(Short with { EvictionFailures = 500 }, Cluster, Settings)); // short ones are never confined
    }

    [Fact]
    public void Unknown_policies_are_refused_with_the_known_names()
    {
        var ex = Assert.Throws<UnknownPolicyException>(() => new EvictionPolicies().Get("YOLO"));
        Assert.Contains("LiveAndLetDie, NoFailures, BoundedFailures", ex.Message);
        Assert.Equal("YOLO", ex.PolicyName);
    }
}
