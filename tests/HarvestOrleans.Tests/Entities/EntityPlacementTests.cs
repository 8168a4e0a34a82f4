using HarvestOrleans.Cluster;
using HarvestOrleans.Entities;
using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocations;
using HarvestOrleans.Policies;
using HarvestOrleans.Samples;
using HarvestOrleans.Testing;
using HarvestOrleans.Tests.Infrastructure;
using Orleans.Runtime.Placement;

namespace HarvestOrleans.Tests.Entities;

/// <summary>
/// Issue 19, item 3: entities are placed by their function's balancing and eviction policies, as long-lived functions.
/// NoFailures keeps them on Regular VMs, an operator's switch to it moves those on Harvest VMs (with their state), and
/// where the policy allows no VM an entity call is a typed refusal.
/// </summary>
[Trait("Category", "Cluster")]
public class EntityPlacementTests
{
    private const string Entity = "running-total";

    [Fact]
    public async Task Under_NoFailures_every_entity_lives_on_the_regular_vm()
    {
        await using var harvest = await StartAsync(EvictionPolicyNames.NoFailures, ("vm0", VmRole.Harvest), ("vm1", VmRole.Regular), ("vm2", VmRole.Harvest));

        var records = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => harvest.Client.InvokeEntityJsonAsync(Entity, $"user-{i}-{Guid.NewGuid():N}", new RunningTotalEntity.Add(i))));

        Assert.All(records, r => Assert.True(r.Status == InvocationStatus.Succeeded, $"{r.Status}: {r.Error}"));
        Assert.All(records, r => Assert.Equal("vm1", r.VmId));
    }

    [Fact]
    public async Task After_a_switch_to_NoFailures_an_entity_on_a_harvest_vm_moves_to_the_regular_vm_with_its_state()
    {
        await using var harvest = await StartAsync(EvictionPolicyNames.LiveAndLetDie, ("vm0", VmRole.Harvest), ("vm1", VmRole.Regular));
        var id = $"moving-{Guid.NewGuid():N}";
        var first = await AddOnAsync(harvest, "vm0", id, 5);
        Assert.Equal(("vm0", 5L), (first.VmId, first.ReadOutput<RunningTotalEntity.Total>()!.Sum));

        await harvest.Operator.SetPolicyAsync(balancing: null, EvictionPolicyNames.NoFailures);

        // Moved by its own check, before anyone calls it again.
        await harvest.WaitUntilAsync(() => HostOf(harvest, id) == "vm1", "the entity is active on the Regular VM");
        var after = await harvest.Client.InvokeEntityJsonAsync(Entity, id, new RunningTotalEntity.Add(7));
        Assert.Equal(("vm1", 12L, 2L), (after.VmId, after.ReadOutput<RunningTotalEntity.Total>()!.Sum, after.ReadOutput<RunningTotalEntity.Total>()!.Count));
    }

    [Fact]
    public async Task A_call_to_an_entity_on_a_draining_vm_is_answered_from_another_vm_with_its_state()
    {
        // An operator's drain (no deadline) stops new work on the VM but sends no grain away: the entity, told by its
        // VM's invoker that nothing ran (VmDraining), moves itself and the client asks it again there.
        var id = $"drained-{Guid.NewGuid():N}";
        await using var harvest = await StartWithEntityOnDrainingVmAsync(id);

        var after = await harvest.Client.InvokeEntityJsonAsync(Entity, id, new RunningTotalEntity.Add(7));
        Assert.True(after.Status == InvocationStatus.Succeeded, $"{after.Status}: {after.Error}");
        Assert.Equal(("vm1", 12L), (after.VmId, after.ReadOutput<RunningTotalEntity.Total>()!.Sum));
    }

    [Fact]
    public async Task A_functions_direct_call_to_an_entity_on_a_draining_vm_is_answered_from_another_vm()
    {
        var id = $"called-{Guid.NewGuid():N}";
        await using var harvest = await StartWithEntityOnDrainingVmAsync(id);

        // The caller runs on vm1 (vm0 takes no work); its call reaches the entity on vm0, which moves, and is asked again.
        var fanOut = await harvest.Client.InvokeJsonAsync(FanOutFunction.Spec.Name, new { target = Entity, entityId = id, items = new[] { new { amount = 7 } } });
        Assert.True(fanOut.Status == InvocationStatus.Succeeded, $"{fanOut.Status}: {fanOut.Error}");
        var call = Assert.Single(fanOut.ReadOutput<FanOutFunction.Output>()!.Results);
        Assert.True(call.Status == nameof(InvocationStatus.Succeeded), $"{call.Status}: {call.ErrorType}");
        Assert.Equal(12, call.Output!.Value.GetProperty("sum").GetInt64());
        Assert.Equal("vm1", HostOf(harvest, id));
    }

    [Fact]
    public async Task Where_NoFailures_allows_no_vm_an_entity_call_is_rejected_NoCapacity_and_nothing_runs()
    {
        await using var harvest = await StartAsync(EvictionPolicyNames.NoFailures, ("vm0", VmRole.Harvest));
        var id = $"homeless-{Guid.NewGuid():N}";

        var record = await harvest.Client.InvokeEntityJsonAsync(Entity, id, new RunningTotalEntity.Add(5));

        Assert.Equal((InvocationStatus.Rejected, InvocationErrorTypes.NoCapacity), (record.Status, record.Error?.Type));
        Assert.Contains("NoFailures", record.Error!.Message);
        Assert.Null(HostOf(harvest, id)); // refused before it activated: no state was read, nothing ran
    }

    /// <summary>
    /// Two Harvest VMs; entity <paramref name="id"/> (total 5) active on vm0, which an operator then drains (no new work,
    /// no grain sent away). The entity's own check of where it lives is made rare: a call, not the check, must find the drain.
    /// </summary>
    private static async Task<HarvestTestCluster> StartWithEntityOnDrainingVmAsync(string id)
    {
        var harvest = await StartAsync(EvictionPolicyNames.LiveAndLetDie, TimeSpan.FromHours(1), ("vm0", VmRole.Harvest), ("vm1", VmRole.Harvest));
        try
        {
            Assert.Equal("vm0", (await AddOnAsync(harvest, "vm0", id, 5)).VmId);
            await harvest.DrainVmAsync("vm0");
            await harvest.WaitUntilAsync(() => harvest.ServiceOf<Grains.Invoker.FunctionInvoker>("vm0").State == VmState.Draining, "vm0's invoker takes no new work");
            return harvest;
        }
        catch
        {
            await harvest.DisposeAsync();
            throw;
        }
    }

    /// <summary>Activates the entity on <paramref name="vmId"/> on purpose, with a migration's hint (which placement honours), and adds <paramref name="amount"/>.</summary>
    private static async Task<InvocationRecord> AddOnAsync(HarvestTestCluster harvest, string vmId, string id, long amount)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, harvest.SiloOf(vmId).SiloAddress);
        try
        {
            return await harvest.Client.InvokeEntityJsonAsync(Entity, id, new RunningTotalEntity.Add(amount));
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    private static Task<HarvestTestCluster> StartAsync(string eviction, params (string VmId, VmRole Role)[] vms) =>
        StartAsync(eviction, TimeSpan.FromMilliseconds(200), vms);

    private static Task<HarvestTestCluster> StartAsync(string eviction, TimeSpan homeCheck, params (string VmId, VmRole Role)[] vms)
    {
        var builder = new HarvestTestClusterBuilder()
            .ConfigureHarvest(harvest => harvest
                .AddTestFunctions()
                .ConfigureEviction(o => (o.Policy, o.EntityHomeCheckInterval) = (eviction, homeCheck)));
        foreach (var (vmId, role) in vms)
        {
            builder.AddVm(vmId, 2, role);
        }

        return builder.StartAsync();
    }

    private static string? HostOf(HarvestTestCluster harvest, string id)
    {
        var key = EntityKey.Of(Entity, id);
        return harvest.RunningVmIds.SingleOrDefault(vm => harvest.ServiceOf<LocalGrainRegistry>(vm).Evacuating.Any(g => g.GetPrimaryKeyString() == key));
    }
}
