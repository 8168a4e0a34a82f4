using HarvestOrleans.Hosting.State;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.Configuration;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace HarvestOrleans.UnitTests.State;

/// <summary>The grain storage of in-memory state: copies, ETags, clear, and what keeps states apart.</summary>
[Trait("Category", "Unit")]
public sealed class ProcessMemoryGrainStorageTests
{
    private static readonly GrainId Grain = GrainId.Create("counter", "a");

    [Fact]
    public async Task A_state_reads_back_as_written_and_never_aliases_the_grains_object()
    {
        using var silo = await TestSilo.StartAsync(new ProcessMemoryStores(), "c1");
        var storage = silo.Storage();
        var written = new GrainState<CounterState>(new CounterState { Count = 1, Notes = ["one"] });
        await storage.WriteStateAsync("s", Grain, written);
        written.State!.Notes.Add("changed after the write");

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("s", Grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(1, read.State!.Count);
        Assert.Equal(["one"], read.State.Notes);

        read.State.Notes.Add("changed after the read");
        var again = new GrainState<CounterState>();
        await storage.ReadStateAsync("s", Grain, again);
        Assert.Equal(["one"], again.State!.Notes);
    }

    [Fact]
    public async Task A_state_never_written_reads_as_a_new_instance_without_an_etag()
    {
        using var silo = await TestSilo.StartAsync(new ProcessMemoryStores(), "c1");
        var read = new GrainState<CounterState>();
        await silo.Storage().ReadStateAsync("s", Grain, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.NotNull(read.State);
        Assert.Equal(0, read.State.Count);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_and_changes_nothing()
    {
        using var silo = await TestSilo.StartAsync(new ProcessMemoryStores(), "c1");
        var storage = silo.Storage();
        var first = new GrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync("s", Grain, first);
        var stale = new GrainState<CounterState>(new CounterState { Count = 99 }) { ETag = first.ETag };
        await storage.WriteStateAsync("s", Grain, new GrainState<CounterState>(new CounterState { Count = 2 }) { ETag = first.ETag });

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", Grain, stale));
        Assert.Equal(first.ETag, conflict.CurrentEtag);
        Assert.NotEqual(first.ETag, conflict.StoredEtag);

        // A first write (no ETag) over a stored state is stale too.
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", Grain, new GrainState<CounterState>(new CounterState { Count = 98 })));

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("s", Grain, read);
        Assert.Equal(2, read.State!.Count);
    }

    [Fact]
    public async Task Concurrent_writers_from_one_etag_leave_exactly_one_winner()
    {
        using var silo = await TestSilo.StartAsync(new ProcessMemoryStores(), "c1");
        var storage = silo.Storage();
        var start = new GrainState<CounterState>(new CounterState());
        await storage.WriteStateAsync("s", Grain, start);

        var writes = Enumerable.Range(1, 64).Select(i => Task.Run(async () =>
        {
            try
            {
                await storage.WriteStateAsync("s", Grain, new GrainState<CounterState>(new CounterState { Count = i }) { ETag = start.ETag });
                return i;
            }
            catch (InconsistentStateException)
            {
                return 0;
            }
        })).ToArray();
        var winners = (await Task.WhenAll(writes)).Where(i => i != 0).ToArray();

        var winner = Assert.Single(winners);
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("s", Grain, read);
        Assert.Equal(winner, read.State!.Count);
    }

    [Fact]
    public async Task Clear_removes_the_state_checking_its_etag_and_a_new_first_write_follows()
    {
        using var silo = await TestSilo.StartAsync(new ProcessMemoryStores(), "c1");
        var storage = silo.Storage();
        var state = new GrainState<CounterState>(new CounterState { Count = 5 });
        await storage.WriteStateAsync("s", Grain, state);
        var staleETag = state.ETag;
        await storage.WriteStateAsync("s", Grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("s", Grain, new GrainState<CounterState> { ETag = staleETag }));
        await storage.ClearStateAsync("s", Grain, state);
        Assert.Equal((null, false, 0), (state.ETag, state.RecordExists, state.State!.Count));
        Assert.Equal(0, silo.Lease.Store.GrainStates.Count);

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("s", Grain, read);
        Assert.False(read.RecordExists);

        // The cleared state's last ETag no longer writes; a first write does.
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", Grain, new GrainState<CounterState>(new CounterState()) { ETag = staleETag }));
        await storage.WriteStateAsync("s", Grain, new GrainState<CounterState>(new CounterState { Count = 6 }));
    }

    [Fact]
    public async Task Clusters_storage_names_state_names_and_grains_keep_their_own_states()
    {
        var stores = new ProcessMemoryStores();
        using var a = await TestSilo.StartAsync(stores, "cluster-a");
        using var sameIdOtherService = await TestSilo.StartAsync(stores, "cluster-a", serviceId: "other-service");
        using var b = await TestSilo.StartAsync(stores, "cluster-b");
        await a.Storage().WriteStateAsync("s", Grain, new GrainState<CounterState>(new CounterState { Count = 1 }));

        foreach (var (storage, stateName, grain) in new[]
        {
            (b.Storage(), "s", Grain),
            (sameIdOtherService.Storage(), "s", Grain),
            (a.Storage("PubSubStore"), "s", Grain),
            (a.Storage(), "other", Grain),
            (a.Storage(), "s", GrainId.Create("counter", "b")),
            (a.Storage(), "s", GrainId.Create("other-type", "a")),
        })
        {
            var read = new GrainState<CounterState>();
            await storage.ReadStateAsync(stateName, grain, read);
            Assert.False(read.RecordExists, $"{stateName} of {grain}");
        }

        // Another silo of the same cluster sees it.
        using var a2 = await TestSilo.StartAsync(stores, "cluster-a");
        var seen = new GrainState<CounterState>();
        await a2.Storage().ReadStateAsync("s", Grain, seen);
        Assert.Equal(1, seen.State!.Count);
    }

    [Fact]
    public void A_silo_that_has_not_started_has_no_state_to_give()
    {
        var lease = new ProcessMemoryLease(new ProcessMemoryStores(), MsOptions.Create(new ClusterOptions()));
        Assert.Throws<InvalidOperationException>(() => lease.Store);
    }
}
