using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using Xunit;

namespace HarvestOrleans.UnitTests.Cluster;

/// <summary>The rules of a VM's durable state, without a grain: registration, notices, eviction.</summary>
[Trait("Category", "Unit")]
public sealed class VmStateRulesTests
{
    private static readonly DateTimeOffset Soon = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_notice_starts_a_drain_a_sooner_one_shortens_it_and_a_later_or_repeated_one_changes_nothing()
    {
        var vm = Registered();

        Assert.Equal(NoticeChange.Started, vm.ApplyNotice(Soon.AddMinutes(5), "spot"));
        var first = vm.NoticeId;
        Assert.Equal((VmState.Draining, Soon.AddMinutes(5), "spot"), (vm.State, vm.EvictionDeadline, vm.EvictionReason));

        Assert.Equal(NoticeChange.None, vm.ApplyNotice(Soon.AddMinutes(10), "later"));
        Assert.Equal(NoticeChange.None, vm.ApplyNotice(Soon.AddMinutes(5), "spot"));
        Assert.Equal((first, Soon.AddMinutes(5)), (vm.NoticeId, vm.EvictionDeadline));

        Assert.Equal(NoticeChange.Shortened, vm.ApplyNotice(Soon, "preempted"));
        Assert.NotEqual(first, vm.NoticeId);
        Assert.Equal((Soon, "spot; then preempted"), (vm.EvictionDeadline, vm.EvictionReason));
    }

    [Fact]
    public void An_operators_drain_has_no_deadline_and_a_notice_with_one_shortens_it()
    {
        var vm = Registered();
        Assert.Equal(NoticeChange.Started, vm.ApplyNotice(DateTimeOffset.MaxValue, "drained by an operator"));
        Assert.Null(vm.EvictionDeadline);
        Assert.Equal(NoticeChange.Shortened, vm.ApplyNotice(Soon, "spot"));
        Assert.Equal(Soon, vm.EvictionDeadline);
    }

    [Fact]
    public void A_drain_stored_without_a_notice_id_gets_one_once()
    {
        var vm = Registered();
        vm.State = VmState.Draining;
        Assert.Equal(NoticeChange.IdAssigned, vm.ApplyNotice(DateTimeOffset.MaxValue, "drained by an operator"));
        Assert.NotEqual(Guid.Empty, vm.NoticeId);
        Assert.Equal(NoticeChange.None, vm.ApplyNotice(DateTimeOffset.MaxValue, "drained by an operator"));
    }

    [Fact]
    public void Eviction_keeps_the_notices_reason_and_registration_forgets_it()
    {
        var vm = Registered();
        vm.ApplyNotice(Soon, "spot");
        vm.MarkEvicted("silo died");
        Assert.Equal((VmState.Evicted, "spot; silo died"), (vm.State, vm.EvictionReason));

        vm.Register(new VmRegistration { VmId = "vm-1", SiloAddress = "S2", Cores = 2 });
        Assert.Equal((VmState.Active, 2.0, (DateTimeOffset?)null, (string?)null, Guid.Empty),
            (vm.State, vm.Cores, vm.EvictionDeadline, vm.EvictionReason, vm.NoticeId));
    }

    private static HarvestVmGrainState Registered()
    {
        var vm = new HarvestVmGrainState();
        vm.Register(new VmRegistration { VmId = "vm-1", SiloAddress = "S1", Cores = 4 });
        return vm;
    }
}
