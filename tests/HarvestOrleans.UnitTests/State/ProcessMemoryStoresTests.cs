using HarvestOrleans.Hosting.State;
using Orleans;
using Orleans.Runtime;

namespace HarvestOrleans.UnitTests.State;

/// <summary>A cluster's in-memory store lives while one of its silos holds it, and goes with the last.</summary>
[Trait("Category", "Unit")]
public sealed class ProcessMemoryStoresTests
{
    private static readonly ProcessMemoryClusterKey Cluster = new("service", "c1");

    [Fact]
    public async Task The_store_outlives_any_silo_but_the_last_and_is_forgotten_with_it()
    {
        var stores = new ProcessMemoryStores();
        var first = await TestSilo.StartAsync(stores, "c1");
        var second = await TestSilo.StartAsync(stores, "c1");
        Assert.Same(first.Lease.Store, second.Lease.Store);
        Assert.Equal(2, stores.HoldersOf(Cluster));
        await first.Storage().WriteStateAsync("s", GrainId.Create("counter", "a"), new GrainState<CounterState>(new CounterState { Count = 1 }));

        await first.Lease.Release();
        await first.Lease.Release(); // once only: it must not count for the other silo
        first.Dispose();
        Assert.Same(second.Lease.Store, stores.Find(Cluster));
        Assert.Equal(1, stores.HoldersOf(Cluster));
        var read = new GrainState<CounterState>();
        await second.Storage().ReadStateAsync("s", GrainId.Create("counter", "a"), read);
        Assert.Equal(1, read.State!.Count);

        await second.Lease.Release();
        Assert.Null(stores.Find(Cluster));

        // A later silo of that cluster starts from nothing; the released silo's late release changes nothing for it.
        using var later = await TestSilo.StartAsync(stores, "c1");
        Assert.NotSame(second.Lease.Store, later.Lease.Store);
        Assert.Equal(0, later.Lease.Store.GrainStates.Count);
        second.Dispose();
        stores.Release(second.Lease.Store);
        Assert.Same(later.Lease.Store, stores.Find(Cluster));
        Assert.Equal(1, stores.HoldersOf(Cluster));
    }

    [Fact]
    public async Task Disposing_a_silo_that_never_stopped_releases_its_hold_and_a_never_started_one_releases_nothing()
    {
        var stores = new ProcessMemoryStores();
        using var running = await TestSilo.StartAsync(stores, "c1");
        var failedHalfWay = await TestSilo.StartAsync(stores, "c1");
        failedHalfWay.Dispose();
        Assert.NotNull(stores.Find(Cluster));

        new ProcessMemoryLease(stores, Microsoft.Extensions.Options.Options.Create(new Orleans.Configuration.ClusterOptions { ServiceId = "service", ClusterId = "c1" })).Dispose();
        Assert.NotNull(stores.Find(Cluster));

        await running.Lease.Release();
        Assert.Null(stores.Find(Cluster));
    }

    [Fact]
    public async Task Each_cluster_is_counted_on_its_own()
    {
        var stores = new ProcessMemoryStores();
        using var a = await TestSilo.StartAsync(stores, "a");
        using var b = await TestSilo.StartAsync(stores, "b");
        Assert.NotSame(a.Lease.Store, b.Lease.Store);

        await a.Lease.Release();
        Assert.Null(stores.Find(new ProcessMemoryClusterKey("service", "a")));
        Assert.Same(b.Lease.Store, stores.Find(new ProcessMemoryClusterKey("service", "b")));
    }
}
