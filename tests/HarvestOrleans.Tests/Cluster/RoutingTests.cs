using HarvestOrleans.Invocations;
using HarvestOrleans.Routing;
using HarvestOrleans.Grains.Routing;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Cluster;

[Collection(SharedClusterCollection.Name)]
[Trait("Category", "Cluster")]
public class RoutingTests(HarvestClusterFixture fixture)
{
    [Fact]
    public async Task An_idle_function_runs_on_its_home_vm()
    {
        var cluster = await fixture.Operator.GetClusterAsync();
        var ring = ConsistentHashRing.Build(cluster.Vms.Select(v => v.VmId));
        var homes = new HashSet<string>();
        foreach (var function in TestFunctions.IdleFunctions)
        {
            var home = ring.Home(function)!;

            // Even an echo leaves a recent peak of one core, which on the 2-core VM is no headroom for the next one:
            // wait until the function's own planner sees its home idle again.
            await fixture.WaitForIdleAsync();
            await Eventually.WaitUntilAsync(
                async () => (await fixture.Operator.GetFunctionRoutingAsync(function)).WorkerSet.SequenceEqual([home]),
                $"'{function}' plans on its home {home} alone");

            var record = await fixture.Client.InvokeJsonAsync(function, "ping");
            Assert.Equal(InvocationStatus.Succeeded, record.Status);
            Assert.Equal(home, record.VmId);
            homes.Add(record.VmId!);
        }

        Assert.True(homes.Count > 1, "idle functions are spread over several homes");
    }

    [Fact]
    public async Task The_worker_set_grows_under_load_and_shrinks_after_the_interval()
    {
        await fixture.WaitForIdleAsync();
        await Eventually.WaitUntilAsync(
            async () => (await fixture.Operator.GetFunctionRoutingAsync("work")).WorkerSet.Length == 1,
            "the idle function's worker set is its home alone");
        var initial = await fixture.Operator.GetFunctionRoutingAsync("work");

        using var stop = new CancellationTokenSource();
        var seenVms = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var failures = 0;
        var callers = Enumerable.Range(0, 24).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                var record = await fixture.Client.InvokeJsonAsync("work", new { milliseconds = 150 });
                if (record.IsSuccess)
                {
                    seenVms.AddOrUpdate(record.VmId!, 1, (_, n) => n + 1);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }).ToArray();

        try
        {
            // ~160 rps x 0.15 s = 24 cores of demand against 1.4 + 2.8 + 5.6 cores of headroom: the whole cluster.
            await Eventually.WaitUntilAsync(
                async () => (await fixture.Operator.GetFunctionRoutingAsync("work")).WorkerSet.Length == 3,
                "the worker set grows to all three VMs");
            await Eventually.WaitUntilAsync(() => seenVms.Count == 3, "invocations run on every VM of the grown set");
        }
        finally
        {
            stop.Cancel();
            await Task.WhenAll(callers);
        }

        Assert.Equal(0, failures);
        var grown = await fixture.Operator.GetFunctionRoutingAsync("work");
        Assert.True(grown.Rps > 0 && grown.ExecutionP75Ms >= TimerSlack.AtLeast(150), $"profile measured: {grown.Rps} rps, p75 {grown.ExecutionP75Ms} ms");

        await Eventually.WaitUntilAsync(
            async () => (await fixture.Operator.GetFunctionRoutingAsync("work")).WorkerSet.Length == 1,
            "the worker set shrinks back to the home VM once the load is gone");
        var shrunk = await fixture.Operator.GetFunctionRoutingAsync("work");
        Assert.Equal(initial.HomeVmId, shrunk.HomeVmId);
    }

    [Fact]
    public async Task The_cluster_snapshot_shows_a_busy_functions_rate_and_p75_and_its_return_to_idle()
    {
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, 4).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                await fixture.Client.InvokeJsonAsync("profiled", new { milliseconds = 50 });
            }
        }).ToArray();

        // Read the snapshot (what status and the page show), never the function's routing, which would replan it.
        FunctionRoutingInfo? seen = null;
        async Task<FunctionRoutingInfo?> Snapshot() => seen = (await fixture.Operator.GetClusterAsync()).Functions.FirstOrDefault(f => f.Function == "profiled");
        await Eventually.WaitUntilAsync(
            async () => await Snapshot() is { Rps: > 5 } s && s.ExecutionP75Ms >= TimerSlack.AtLeast(50),
            () => $"the snapshot shows the function's rate and p75 under load (saw rps {seen?.Rps}, p75 {seen?.ExecutionP75Ms})");

        await stop.CancelAsync();
        await Task.WhenAll(callers);
        await Eventually.WaitUntilAsync(
            async () => await Snapshot() is { Rps: 0 },
            () => $"the snapshot shows it idle once the rate window has passed (saw rps {seen?.Rps})");
    }
}
