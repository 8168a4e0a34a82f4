using HarvestOrleans.Client.Routing;
using HarvestOrleans.Functions;
using HarvestOrleans.Policies;
using HarvestOrleans.Routing;

namespace HarvestOrleans.UnitTests.Routing;

/// <summary>
/// Where a retried invocation goes. Regression: a call to the one live VM that failed on its way (through the gateway
/// of a silo that died) put that VM on the invocation's exclusions; every later lease offered only it, so the
/// invocation ended Rejected/NoCapacity although the VM could run it (samples' ThumbnailEvictionTests, seen under load).
/// </summary>
[Trait("Category", "Unit")]
public sealed class CachedRoutePlacementTests
{
    private static CachedRoute Route(params string[] vms) => new(
        new RouteLease
        {
            Function = "thumbnail",
            Spec = new FunctionSpec { Name = "thumbnail", Cores = 1 },
            Policy = BalancingPolicyNames.MinWorkerSet,
            Candidates = [.. vms.Select(vm => new LeaseCandidate(vm, $"silo-{vm}", 2, 2048, 0, 0))],
            WorkerSet = vms.Take(1).ToArray(),
            HomeVmId = vms.FirstOrDefault(),
            CoresPerInvocation = 1,
            CpuLimit = 1,
        },
        expiresAt: 0,
        new BalancingPolicies());

    [Fact]
    public void A_vm_the_invocation_failed_on_is_avoided_while_another_can_take_it()
    {
        var placement = Route("vm-a", "vm-b").Place(new HashSet<string> { "vm-a" }, ReservationView.None, new Random(1));
        Assert.Equal("vm-b", placement.VmId);
    }

    [Fact]
    public void When_every_vm_of_a_fresh_lease_failed_before_the_invocation_is_placed_on_them_again()
    {
        var placement = Route("vm-b").Place(new HashSet<string> { "vm-a", "vm-b" }, ReservationView.None, new Random(1));
        Assert.Equal("vm-b", placement.VmId);
    }

    [Fact]
    public void A_lease_without_vms_places_nothing()
    {
        Assert.Null(Route().Place(new HashSet<string> { "vm-a" }, ReservationView.None, new Random(1)).VmId);
    }
}
