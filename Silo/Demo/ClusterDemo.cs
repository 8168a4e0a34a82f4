using HarvestOrleans.Client;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocations;
using HarvestOrleans.Samples;
using HarvestOrleans.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Silo;

/// <summary>
/// The quick-start tour on embedded defaults: three Harvest VM silos of 2, 4 and 8 cores in this process (an
/// in-process test cluster of HarvestOrleans.Testing, in-memory state), a client, and a short script of invocations, a load burst and a resize.
/// </summary>
internal static class ClusterDemo
{
    private static readonly (string VmId, double Cores)[] Vms = [("vm-a", 2), ("vm-b", 4), ("vm-c", 8)];

    public static async Task<int> RunAsync()
    {
        Console.WriteLine($"Starting {Vms.Length} Harvest VM silos in this process ...");
        var builder = new HarvestTestClusterBuilder()
            .UseFastTestTimings(false)
            .ConfigureTestCluster(cluster =>
            {
                cluster.Options.ConfigureFileLogging = false;
                cluster.ConfigureHost(host => host.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning));
            })
            .ConfigureHarvest(harvest => harvest
                .ConfigureInvoker(o => o.LoadReportInterval = TimeSpan.FromMilliseconds(250))
                .ConfigureBalancing(o => o.ClusterViewRefresh = TimeSpan.FromMilliseconds(250))
                .AddSampleFunctions());
        foreach (var (vmId, cores) in Vms)
        {
            builder.AddVm(vmId, cores);
        }

        await using var cluster = await builder.StartAsync();
        var client = cluster.Client;
        var ops = cluster.Operator;
        await PrintClusterAsync(ops);

        Console.WriteLine("\n1. A cold start, then a warm invocation of 'primes' (runs on its home VM):");
        for (var i = 0; i < 2; i++)
        {
            PrintRecord(await client.InvokeJsonAsync("primes", new PrimeCountFunction.Request(400_000)));
        }

        Console.WriteLine("\n2. A burst of 60 concurrent 'sleep' invocations (200 ms each); the worker set grows:");
        var before = await ops.GetFunctionRoutingAsync("sleep");
        var burst = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => client.InvokeJsonAsync("sleep", new SleepFunction.Request(200))));
        var burst2 = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => client.InvokeJsonAsync("sleep", new SleepFunction.Request(200))));
        var after = await ops.GetFunctionRoutingAsync("sleep");
        Console.WriteLine($"   worker set before: [{string.Join(", ", before.WorkerSet)}]   after: [{string.Join(", ", after.WorkerSet)}]  (measured {after.Rps:0.#} rps, p75 {after.ExecutionP75Ms:0} ms)");
        foreach (var group in burst.Concat(burst2).GroupBy(r => (r.VmId, r.Status)).OrderBy(g => g.Key.VmId))
        {
            Console.WriteLine($"   {group.Key.VmId,-6} {group.Key.Status,-10} {group.Count(),3} invocations, median queue wait {Median(group.Select(r => r.QueueWaitMs)):0} ms");
        }

        Console.WriteLine("\n3. The harvest VM vm-c shrinks from 8 to 1 core:");
        await cluster.ResizeVmAsync("vm-c", 1);
        await PrintClusterAsync(ops);

        Console.WriteLine("\n4. Bad input gets a typed result, never a hang:");
        PrintRecord(await client.InvokeJsonAsync("no-such-function", 1));
        PrintRecord(await client.InvokeAsync("echo", new byte[2 * 1024 * 1024]));
        PrintRecord(await client.InvokeJsonAsync("primes", new PrimeCountFunction.Request(-5)));

        Console.WriteLine("\nDone. Run 'dotnet run --project Silo' for a long-lived silo and 'dotnet run --project Cli -- --help' to drive it.");
        return 0;
    }

    private static async Task PrintClusterAsync(HarvestOperator ops)
    {
        Console.WriteLine($"   {"VM",-6} {"STATE",-8} {"CORES",5} {"IN USE",6} {"PEAK",5}");
        foreach (var vm in (await ops.GetClusterAsync()).Vms)
        {
            Console.WriteLine($"   {vm.VmId,-6} {vm.State,-8} {vm.Cores,5:0.#} {vm.Load.CoresInUse,6:0.#} {vm.Load.RecentPeakCores,5:0.#}");
        }
    }

    private static void PrintRecord(InvocationRecord r) =>
        Console.WriteLine(
            $"   {r.Function,-16} {r.Status,-9} vm={r.VmId ?? "-",-5} cold={(r.ColdStart ? "yes" : "no"),-3} init={r.InitMs,6:0.0} ms exec={r.ExecutionMs,7:0.0} ms total={r.LatencyMs,7:0.0} ms  " +
            (r.IsSuccess ? r.OutputPayload.AsString() : r.Error?.ToString()));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
