using HarvestOrleans.Functions;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Invocations;
using HarvestOrleans.Samples;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Entities;

/// <summary>Issue 19, item 1: entities are addressed by id, run one at a time per id, and keep durable state.</summary>
[Collection(SharedClusterCollection.Name)]
[Trait("Category", "Cluster")]
public class EntityTests(HarvestClusterFixture fixture)
{
    private const string Entity = "running-total";

    [Fact]
    public async Task Concurrent_invocations_of_one_entity_each_apply_once_and_ids_keep_their_own_state()
    {
        var id = $"user-{Guid.NewGuid():N}";
        var other = $"user-{Guid.NewGuid():N}";

        var records = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => fixture.Client.InvokeEntityJsonAsync(Entity, id, new RunningTotalEntity.Add(i))));
        var second = await fixture.Client.InvokeEntityJsonAsync(Entity, other, new RunningTotalEntity.Add(1000));

        Assert.All(records, r => Assert.Equal(InvocationStatus.Succeeded, r.Status));
        // One at a time per id: the counts seen are 1..20, each once, and the last total is every addition.
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), records.Select(r => Total(r).Count).Order());
        var total = Total(await fixture.Client.InvokeEntityAsync(Entity, id, []));
        Assert.Equal((20 * 21 / 2, 20), (total.Sum, total.Count));
        Assert.Equal((1000, 1), (Total(second).Sum, Total(second).Count));
    }

    [Fact]
    public async Task An_entitys_state_is_read_back_from_storage_after_its_grain_is_gone()
    {
        var id = $"session-{Guid.NewGuid():N}";
        Assert.Equal(InvocationStatus.Succeeded, (await fixture.Client.InvokeEntityJsonAsync(Entity, id, new RunningTotalEntity.Add(7))).Status);

        await fixture.Harvest.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var total = Total(await fixture.Client.InvokeEntityJsonAsync(Entity, id, new RunningTotalEntity.Add(5)));
        Assert.Equal((12, 2), (total.Sum, total.Count));
    }

    [Fact]
    public async Task Asked_again_with_the_same_invocation_id_an_entity_answers_from_memory_and_does_not_apply_it_twice()
    {
        var id = $"retry-{Guid.NewGuid():N}";
        var invocationId = Guid.NewGuid();
        var payload = FunctionPayload.FromJson(new RunningTotalEntity.Add(5)).ToArray();

        var first = Total(await fixture.Client.InvokeEntityAsync(invocationId, Entity, id, payload));
        var again = Total(await fixture.Client.InvokeEntityAsync(invocationId, Entity, id, payload));

        Assert.Equal((5, 1), (first.Sum, first.Count));
        Assert.Equal((5, 1), (again.Sum, again.Count)); // the first answer, not a second addition
        var now = Total(await fixture.Client.InvokeEntityAsync(Entity, id, []));
        Assert.Equal((5, 1), (now.Sum, now.Count));
    }

    [Fact]
    public async Task Wrong_names_ids_and_kinds_are_typed_records_never_exceptions()
    {
        var unknown = await fixture.Client.InvokeEntityAsync("no-such-entity", "x", []);
        Assert.Equal((InvocationStatus.NotFound, InvocationErrorTypes.FunctionNotFound), (unknown.Status, unknown.Error?.Type));

        var badId = await fixture.Client.InvokeEntityAsync(Entity, "", []);
        Assert.Equal((InvocationStatus.Rejected, InvocationErrorTypes.InvalidRequest), (badId.Status, badId.Error?.Type));

        var notAnEntity = await fixture.Client.InvokeEntityAsync("echo", "x", []);
        Assert.Equal((InvocationStatus.Rejected, InvocationErrorTypes.InvalidRequest), (notAnEntity.Status, notAnEntity.Error?.Type));

        var withoutId = await fixture.Client.InvokeAsync(Entity, FunctionPayload.FromJson(new RunningTotalEntity.Add(1)));
        Assert.Equal((InvocationStatus.Rejected, InvocationErrorTypes.InvalidRequest), (withoutId.Status, withoutId.Error?.Type));

        var badInput = await fixture.Client.InvokeEntityAsync(Entity, "x", "not json"u8.ToArray());
        Assert.Equal(InvocationStatus.Rejected, badInput.Status);
        Assert.Equal(InvocationErrorTypes.InvalidRequest, badInput.Error?.Type);
    }

    private static RunningTotalEntity.Total Total(InvocationRecord record)
    {
        Assert.Equal(InvocationStatus.Succeeded, record.Status);
        return record.ReadOutput<RunningTotalEntity.Total>()!;
    }
}
