using HarvestOrleans.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HarvestOrleans.UnitTests.Policies;

[Trait("Category", "Unit")]
public class PolicyRegistryTests
{
    private sealed class FirstVmPolicy : IBalancingPolicy
    {
        public string Name => "FirstVm";

        public RoutePlan Plan(FunctionDemand demand, WorkerSetState workerSet, IReadOnlyList<VmView> cluster, BalancingPolicySettings settings, long nowMs) =>
            RoutePlan.Empty(Name, demand, settings);

        public PlacementDecision Pick(RoutePlan plan, IReservationView reservations, Random random) =>
            plan.Candidates.Count == 0 ? PlacementDecision.None : new PlacementDecision(plan.Candidates[0].VmId, false);
    }

    private sealed class Impostor : IBalancingPolicy
    {
        public string Name => BalancingPolicyNames.MinWorkerSet;

        public RoutePlan Plan(FunctionDemand demand, WorkerSetState workerSet, IReadOnlyList<VmView> cluster, BalancingPolicySettings settings, long nowMs) =>
            throw new NotSupportedException();

        public PlacementDecision Pick(RoutePlan plan, IReservationView reservations, Random random) => throw new NotSupportedException();
    }

    [Fact]
    public void The_default_registries_hold_the_built_in_policies_by_name()
    {
        Assert.Equal([BalancingPolicyNames.MinWorkerSet, BalancingPolicyNames.JoinShortestQueue, BalancingPolicyNames.OpenWhiskHash], new BalancingPolicies().Names);
        Assert.Equal([EvictionPolicyNames.LiveAndLetDie, EvictionPolicyNames.NoFailures, EvictionPolicyNames.BoundedFailures], new EvictionPolicies().Names);
        Assert.Equal([KeepAlivePolicyNames.Fixed, KeepAlivePolicyNames.HybridHistogram], new KeepAlivePolicies().Names);
        Assert.IsType<JoinShortestQueuePolicy>(new BalancingPolicies().Get(BalancingPolicyNames.JoinShortestQueue));
        Assert.IsType<HybridHistogramPolicy>(new KeepAlivePolicies().Get(KeepAlivePolicyNames.HybridHistogram));
    }

    [Fact]
    public void An_unknown_name_is_a_typed_error_listing_the_known_ones()
    {
        var ex = Assert.Throws<UnknownPolicyException>(() => new BalancingPolicies().Get("RoundRobin"));
        Assert.Equal("balancing", ex.Kind);
        Assert.Equal("RoundRobin", ex.PolicyName);
        Assert.Equal(new BalancingPolicies().Names, ex.KnownNames);
        Assert.Equal("Unknown balancing policy 'RoundRobin'. Known policies: MinWorkerSet, JoinShortestQueue, OpenWhiskHash.", ex.Message);
        Assert.False(new BalancingPolicies().Contains(null));
    }

    [Fact]
    public void Two_policies_with_one_name_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BalancingPolicies([.. BalancingPolicies.BuiltIn, new Impostor()]));
        Assert.Contains($"Two balancing policies are named '{BalancingPolicyNames.MinWorkerSet}'", ex.Message);
    }

    [Fact]
    public void A_policy_registered_in_the_container_is_selectable_by_name_beside_the_built_in_ones()
    {
        var services = new ServiceCollection();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBalancingPolicy, FirstVmPolicy>());
        services.AddHarvestPolicies().AddHarvestPolicies(); // twice: the built-ins still register once
        using var provider = services.BuildServiceProvider();

        var registry = provider.GetRequiredService<BalancingPolicies>();
        Assert.Equal(["FirstVm", BalancingPolicyNames.MinWorkerSet, BalancingPolicyNames.JoinShortestQueue, BalancingPolicyNames.OpenWhiskHash], registry.Names);
        Assert.IsType<FirstVmPolicy>(registry.Get("FirstVm"));
        Assert.Equal(3, provider.GetRequiredService<EvictionPolicies>().Names.Count);
    }
}
