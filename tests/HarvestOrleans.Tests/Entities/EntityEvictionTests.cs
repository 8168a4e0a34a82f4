using HarvestOrleans.Entities;
using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Invocations;
using HarvestOrleans.Samples;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Entities;

/// <summary>Issue 19, item 3: entities on harvested VMs — moved with their state on a notice, back from storage after a kill.</summary>
[Trait("Category", "External")]
public class EntityEvictionTests
{
    private const string Entity = "running-total";

    [Fact]
    public async Task On_a_notice_an_entity_moves_with_its_state_before_the_vm_drains()
    {
        await using var h = await HarvestHarness.StartAsync(3, _ => 2);
        var id = $"moving-{Guid.NewGuid():N}";
        Assert.Equal(5, await AddAsync(h, id, 5));
        var home = HostOf(h, id);

        await h.Operator.EvictVmAsync(home, TimeSpan.FromSeconds(20), "test: notice");

        // Active elsewhere before anyone calls it again: it migrated (once idle), it was not reloaded by the next call.
        await Eventually.WaitUntilAsync(() => FindHost(h, id) is { } vm && vm != home, $"the entity is active on a VM other than {home}");
        Assert.Equal(12, await AddAsync(h, id, 7));
    }

    [Fact]
    public async Task After_a_kill_an_entity_comes_back_on_a_survivor_from_its_stored_state()
    {
        await using var h = await HarvestHarness.StartAsync(3, _ => 2);
        var id = $"killed-{Guid.NewGuid():N}";
        Assert.Equal(5, await AddAsync(h, id, 5));
        var home = HostOf(h, id);

        await h.Harvest.KillVmAsync(home);

        Assert.Equal(12, await AddAsync(h, id, 7)); // the client asks again until a survivor answers, from Redis
        Assert.NotEqual(home, HostOf(h, id));
    }

    private static async Task<long> AddAsync(HarvestHarness h, string id, long amount)
    {
        var record = await h.Client.InvokeEntityJsonAsync(Entity, id, new RunningTotalEntity.Add(amount));
        Assert.True(record.Status == InvocationStatus.Succeeded, $"{record.Status}: {record.Error}");
        return record.ReadOutput<RunningTotalEntity.Total>()!.Sum;
    }

    private static string HostOf(HarvestHarness h, string id) => FindHost(h, id) ?? throw new InvalidOperationException($"Entity {id} is active nowhere.");

    private static string? FindHost(HarvestHarness h, string id)
    {
        var key = EntityKey.Of(Entity, id);
        return h.Harvest.RunningVmIds.SingleOrDefault(vm => h.Harvest.ServiceOf<LocalGrainRegistry>(vm).Evacuating.Any(g => g.GetPrimaryKeyString() == key));
    }
}
