using HarvestOrleans.Hosting.State;
using HarvestOrleans.Invocations;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace HarvestOrleans.Tests.State;

/// <summary>
/// In-memory state (the test cluster's default) survives the loss of any silo of the process: grain state, reminders
/// and async invocation records written while only vm0 and vm1 ran outlive both of them, lost one after the other.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class InMemoryStateSurvivalTests
{
    private static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(1);

    public enum SiloLoss
    {
        /// <summary>Killed without notice.</summary>
        Kill,

        /// <summary>Evicted with notice: drained, then its silo stopped.</summary>
        Evict,
    }

    [Theory]
    [InlineData(SiloLoss.Kill)]
    [InlineData(SiloLoss.Evict)]
    public async Task State_reminders_and_async_records_outlive_every_silo_that_ran_when_they_were_written(SiloLoss loss)
    {
        await using var cluster = await new HarvestTestClusterBuilder()
            .AddVms(2, 2)
            .ConfigureHarvest(harvest =>
            {
                harvest.AddTestFunctions();
                harvest.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TickPeriod);
            })
            .StartAsync();

        // Written while only vm0 and vm1 run: whatever keeps them in memory lives on one of those two silos.
        var probe = cluster.Grains.GetGrain<IStateProbeGrain>($"probe-{Guid.NewGuid():N}");
        await probe.WriteAsync("written before the losses");
        await probe.StartReminderAsync(TickPeriod);
        var submitted = await cluster.Client.SubmitJsonAsync("echo", new { n = 1 });
        var record = await cluster.WaitForRecordAsync(submitted.Id);
        Assert.Equal(InvocationStatus.Succeeded, record.Status);

        // Each of them goes in turn, after a new silo joined: the cluster never runs empty.
        await cluster.AddVmAsync("vm2", 2);
        await LoseAsync(cluster, "vm0", loss);
        await cluster.AddVmAsync("vm3", 2);
        await LoseAsync(cluster, "vm1", loss);
        Assert.Equal(new[] { "vm2", "vm3" }, cluster.RunningVmIds.Order().ToArray());

        var state = await AfterLossAsync(probe.ReadStoredAsync);
        Assert.Equal("written before the losses", state.Value);
        Assert.True(await AfterLossAsync(probe.HasReminderAsync), "the reminder table still has the probe's reminder");
        var after = await AfterLossAsync(() => cluster.Client.GetInvocationAsync(submitted.Id));
        Assert.Equal(record.Id, after.Record?.Id);
        Assert.Equal(InvocationStatus.Succeeded, after.Record?.Status);

        // The reminder still fires, on a silo that joined later.
        var survivors = new[] { "vm2", "vm3" }.Select(vm => cluster.SiloOf(vm).SiloAddress.ToParsableString()).ToHashSet();
        var ticksBefore = state.TickSilos.Count;
        await HarvestWait.UntilAsync(
            async () => (state = await AfterLossAsync(probe.ReadStoredAsync)).TickSilos.Skip(ticksBefore).Any(survivors.Contains),
            () => $"the probe's reminder ticks on vm2 or vm3 (ticks so far: [{string.Join(", ", state.TickSilos)}])");
    }

    [Fact]
    public async Task Clusters_of_one_process_keep_apart_and_each_releases_its_memory_when_its_last_silo_stops()
    {
        var a = await new HarvestTestClusterBuilder().AddVms(2, 2).StartAsync();
        HarvestTestCluster? b = null;
        var aRunning = true;
        try
        {
            b = await new HarvestTestClusterBuilder().AddVms(2).StartAsync();
            var (keyA, keyB) = (KeyOf(a), KeyOf(b));
            Assert.NotEqual(keyA, keyB);

            // The same grain in both clusters has each cluster's own state.
            var key = $"probe-{Guid.NewGuid():N}";
            await a.Grains.GetGrain<IStateProbeGrain>(key).WriteAsync("in a");
            await b.Grains.GetGrain<IStateProbeGrain>(key).WriteAsync("in b");
            Assert.Equal("in a", (await a.Grains.GetGrain<IStateProbeGrain>(key).ReadStoredAsync()).Value);
            Assert.Equal("in b", (await b.Grains.GetGrain<IStateProbeGrain>(key).ReadStoredAsync()).Value);

            // A cluster's memory stays while one of its silos runs (a killed silo lets go too), and goes with the last.
            Assert.Equal((2, 1), (ProcessMemoryStores.Process.HoldersOf(keyA), ProcessMemoryStores.Process.HoldersOf(keyB)));
            await a.KillVmAsync("vm1");
            Assert.Equal(1, ProcessMemoryStores.Process.HoldersOf(keyA));
            await b.DisposeAsync();
            b = null;
            Assert.Null(ProcessMemoryStores.Process.Find(keyB));
            Assert.Equal("in a", (await AfterLossAsync(a.Grains.GetGrain<IStateProbeGrain>(key).ReadStoredAsync)).Value);
            await a.DisposeAsync();
            aRunning = false;
            Assert.Null(ProcessMemoryStores.Process.Find(keyA));
        }
        finally
        {
            if (b is not null)
            {
                await b.DisposeAsync();
            }

            if (aRunning)
            {
                await a.DisposeAsync();
            }
        }
    }

    private static ProcessMemoryClusterKey KeyOf(HarvestTestCluster cluster) =>
        ProcessMemoryClusterKey.Of(cluster.Cluster.GetSiloServiceProvider(cluster.Cluster.GetActiveSilos().First().SiloAddress).GetRequiredService<IOptions<ClusterOptions>>().Value);

    /// <summary>
    /// A call from the test's client, retried while it fails to reach a silo: right after a kill the client may still
    /// try the lost silo's gateway for a moment.
    /// </summary>
    private static async Task<T> AfterLossAsync<T>(Func<Task<T>> call)
    {
        T result = default!;
        Exception? last = null;
        await HarvestWait.UntilAsync(
            async () =>
            {
                try
                {
                    result = await call();
                    return true;
                }
                catch (Exception ex) when (ex is ConnectionFailedException or SiloUnavailableException)
                {
                    last = ex;
                    return false;
                }
            },
            () => $"a call reaches a surviving silo (last failure: {last?.Message})");
        return result;
    }

    /// <summary>Kills or evicts a VM, then waits until every running silo sees its silo dead.</summary>
    private static async Task LoseAsync(HarvestTestCluster cluster, string vmId, SiloLoss loss)
    {
        var lost = cluster.SiloOf(vmId).SiloAddress;
        if (loss == SiloLoss.Kill)
        {
            await cluster.KillVmAsync(vmId);
        }
        else
        {
            await cluster.EvictVmAsync(vmId, notice: TimeSpan.FromMilliseconds(500));
        }

        await cluster.WaitUntilAsync(
            () => cluster.Cluster.GetActiveSilos().All(s =>
                cluster.Cluster.GetSiloServiceProvider(s.SiloAddress).GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(lost) == SiloStatus.Dead),
            $"every running silo sees {vmId}'s silo dead");
    }
}
