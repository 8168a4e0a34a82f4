using HarvestOrleans.Experiments.RoutingCost;
using HarvestOrleans.Policies;

namespace HarvestOrleans.UnitTests.Experiments;

/// <summary>The routing-cost benchmark, very short: it measures every policy at every size with the live policy code.</summary>
[Trait("Category", "Unit")]
public sealed class RoutingCostTests
{
    [Theory]
    [InlineData(PolicyMode.Default)]
    [InlineData(PolicyMode.Paper)]
    public void Every_policy_is_timed_at_every_size_and_min_worker_set_keeps_a_small_set(PolicyMode mode)
    {
        var report = RoutingCostExperiment.Run([10, 200], mode, TimeSpan.FromMilliseconds(1));

        Assert.Equal(mode, report.Mode);
        Assert.Equal(new BalancingPolicies().Names.Count * 2, report.Rows.Count);
        Assert.All(report.Rows, r => Assert.True(r.PlanMicroseconds > 0 && r.PickMicroseconds > 0, r.ToString()));

        // 5 cores of demand over 8-core VMs at most half loaded: a few VMs, whatever the cluster's size.
        var mws = report.Rows.Single(r => r.Policy == BalancingPolicyNames.MinWorkerSet && r.Vms == 200);
        Assert.InRange(mws.WorkerSet, 1, 5);
        Assert.Equal(200, report.Rows.Single(r => r.Policy == BalancingPolicyNames.JoinShortestQueue && r.Vms == 200).WorkerSet);
    }
}
