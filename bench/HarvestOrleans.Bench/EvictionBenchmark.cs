using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using HarvestOrleans.Client;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocations;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Samples;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace HarvestOrleans.Bench;

/// <summary>
/// A 4-silo cluster under steady load whose VMs replay the paper's "active" harvest traces (time-compressed), with one
/// eviction announced with notice and one silo killed without notice. Counts every invocation's final status and
/// <c>lost</c>: calls that did not get exactly one final record.
/// </summary>
internal static class EvictionBenchmark
{
    private const int Vms = 4;

    /// <summary>The copy of the paper's active traces shipped in the repository (samples/traces/harvest/active).</summary>
    public static string DefaultTraces => Path.Combine(RepoPaths.Root, "samples", "traces", "harvest", "active");

    /// <summary>The trace files a folder must hold, one per VM.</summary>
    public static string TraceFilePattern => $"1.txt to {Vms}.txt";

    /// <summary>Why <paramref name="folder"/> cannot be replayed (naming the folder and the files looked for), or null.</summary>
    public static string? MissingTraces(string folder)
    {
        var missing = Enumerable.Range(1, Vms).Select(i => $"{i}.txt").Where(file => !File.Exists(Path.Combine(folder, file))).ToArray();
        return missing.Length == 0 ? null : $"no harvest traces in {Path.GetFullPath(folder)}: looked for {TraceFilePattern} (one per VM), missing {string.Join(", ", missing)}.";
    }

    /// <param name="folder">Harvest traces 1.txt to 4.txt, one per VM (see <see cref="MissingTraces"/>).</param>
    public static async Task<int> RunAsync(bool quick, string folder, bool verbose = false)
    {
        var run = TimeSpan.FromSeconds(quick ? 20 : 60);
        const double timeScale = 20; // 20 minutes of trace per minute of run
        await using var redis = await RedisServer.StartAsync();
        var holder = new InProcessTestCluster?[1];

        var builder = new InProcessTestClusterBuilder(Vms);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((options, silo) =>
        {
            var index = int.Parse(options.SiloName.Split('_')[^1]);
            silo.Configure<ClusterMembershipOptions>(o => (o.ProbeTimeout, o.NumMissedProbesLimit, o.NumVotesForDeathDeclaration) = (TimeSpan.FromSeconds(1), 2, 1));
            silo.UseHarvest(harvest =>
            {
                harvest.UseRedisState(redis.ConnectionString)
                    .ConfigureVm(vm => vm.VmId = $"vm-{index}")
                    .ConfigureMonitor(o =>
                    {
                        o.CoreSource = CoreSourceKind.Trace;
                        o.TracePath = Path.Combine(folder, $"{index + 1}.txt");
                        o.TimeScale = timeScale;
                    })
                    .ConfigureInvoker(o => o.LoadReportInterval = TimeSpan.FromMilliseconds(250))
                    .ConfigureBalancing(o => (o.ClusterViewRefresh, o.LeaseTtl) = (TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250)));
                harvest.AddFunction<SleepFunction>(SleepFunction.Spec with { Name = "resize-image", Idempotent = true });
                harvest.AddFunction<SleepFunction>(SleepFunction.Spec with { Name = "charge-card", Idempotent = false });
                harvest.Services.AddSingleton<ISiloShutdown>(new StopThroughCluster(holder, options.SiloName));
            });
        });
        builder.ConfigureClient(client =>
        {
            client.UseHarvestClient();
            if (verbose)
            {
                // The client's view of lost workers and retries, with times, to explain a lost call.
                client.Services.AddLogging(logging => logging
                    .AddSimpleConsole(o => (o.TimestampFormat, o.SingleLine) = ("HH:mm:ss.fff ", true))
                    .SetMinimumLevel(LogLevel.Debug)
                    .AddFilter("Orleans", LogLevel.Warning)
                    .AddFilter("Microsoft", LogLevel.Warning)
                    .AddFilter("Polly", LogLevel.Warning));
            }
        });
        await using var cluster = builder.Build();
        holder[0] = cluster;
        await cluster.DeployAsync();
        var client = cluster.Client.ServiceProvider.GetRequiredService<HarvestClient>();
        var ops = cluster.Client.ServiceProvider.GetRequiredService<HarvestOperator>();
        while ((await ops.GetClusterAsync()).Vms.Count(v => v.State == VmState.Active) < Vms)
        {
            await Task.Delay(50);
        }

        Console.WriteLine($"Evictions: 4 VMs replaying {folder} at {timeScale}x, {run.TotalSeconds:0} s of steady load (12 callers each on an idempotent and a non-idempotent 50 ms function).");
        var records = new ConcurrentQueue<InvocationRecord>();
        var ledger = new CallLedger();
        using var stop = new CancellationTokenSource();
        var callers = new[] { "resize-image", "charge-card" }
            .SelectMany(function => Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var call = ledger.Start(function);
                    try
                    {
                        var record = await client.InvokeJsonAsync(function, new SleepFunction.Request(50));
                        records.Enqueue(record);
                        ledger.Finish(call);
                    }
                    catch (Exception e)
                    {
                        ledger.Fail(call, e);
                    }
                }
            })))
            .ToArray();

        var clock = Stopwatch.StartNew();
        await Task.Delay(run / 3);
        Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:0.0} s  eviction notice for vm-1 (5 s)");
        await ops.EvictVmAsync("vm-1", TimeSpan.FromSeconds(5), "benchmark: eviction with notice");
        await Task.Delay(run / 3);
        Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:0.0} s  vm-2 killed without notice");
        await cluster.KillSiloAsync(cluster.Silos.First(s => s.Name.EndsWith("_2", StringComparison.Ordinal)));
        await Task.Delay(run / 3);
        stop.Cancel();
        var finished = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(60)).ContinueWith(t => t.IsCompletedSuccessfully);

        var all = records.ToArray();
        var lostCalls = ledger.Lost();
        var lost = lostCalls.Count; // calls still waiting, or that threw instead of returning a record
        var threw = lostCalls.Count(c => c.Error is not null);
        var byStatus = Enum.GetValues<InvocationStatus>().ToDictionary(s => s.ToString(), s => all.Count(r => r.Status == s));
        var latencies = all.Where(r => r.IsSuccess).Select(r => r.LatencyMs).Order().ToArray();
        double Pct(double q) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))];
        var retried = all.Count(r => r.Attempts > 1);
        var successRate = all.Length == 0 ? 0 : (double)byStatus["Succeeded"] / all.Length;
        var vms = (await ops.GetClusterAsync()).Vms;

        Console.WriteLine();
        Console.WriteLine($"invocations {all.Length:N0} ({all.Length / run.TotalSeconds:N0}/s), success {successRate:P3}, retried {retried:N0} (extra attempts {all.Sum(r => r.Attempts - 1):N0})");
        Console.WriteLine($"latency of successes: p50 {Pct(0.5):N1} ms, p99 {Pct(0.99):N1} ms");
        Console.WriteLine("by status: " + string.Join(", ", byStatus.Where(p => p.Value > 0).Select(p => $"{p.Key} {p.Value:N0}")));
        Console.WriteLine($"by function: " + string.Join("; ", all.GroupBy(r => r.Function).Select(g => $"{g.Key}: " + string.Join(", ", g.GroupBy(r => r.Status).Select(s => $"{s.Key} {s.Count():N0}")))));
        Console.WriteLine("VMs at the end: " + string.Join(", ", vms.Select(v => $"{v.VmId} {v.State} {v.Cores:0} cores")));
        Console.WriteLine($"lost (accepted invocations without exactly one final record): {lost} {(finished ? "" : "(callers still waiting after 60 s)")} ; calls that threw: {threw}");
        foreach (var call in lostCalls.Take(20))
        {
            Console.WriteLine($"  lost: {call}");
        }
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "evictions",
            quick,
            seconds = run.TotalSeconds,
            invocations = all.Length,
            successRate = Math.Round(successRate, 6),
            retried,
            p50Ms = Math.Round(Pct(0.5), 1),
            p99Ms = Math.Round(Pct(0.99), 1),
            byStatus,
            lost,
            threw,
            lostCalls = lostCalls.Take(20).Select(c => c.ToString()).ToArray(),
        }));
        return lost == 0 ? 0 : 1;
    }

    /// <summary>In-process silos are not run with RunAsync: a drained one is stopped through the cluster.</summary>
    private sealed class StopThroughCluster(InProcessTestCluster?[] holder, string siloName) : ISiloShutdown
    {
        public void Shutdown(string reason)
        {
            var cluster = holder[0]!;
            _ = Task.Run(() => cluster.StopSiloAsync(cluster.Silos.First(s => s.Name == siloName)));
        }
    }
}
