using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using HarvestOrleans.Client;
using HarvestOrleans.Experiments;
using HarvestOrleans.Experiments.Workloads;
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
/// eviction announced with notice and one silo killed without notice, run three times: without the notice, with it and
/// its handover off, and with the handover on. Counts every invocation's final status and <c>lost</c>: calls that did
/// not get exactly one final record; and the cold starts, failures and latency of the calls sent in the window after the
/// notice: what the eviction adds beyond the run without it, off against on.
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

    /// <summary>Functions beside the two steady ones, called open-loop at Zipf-skewed rates: most live on one VM only.</summary>
    private const int TailFunctions = 96;

    /// <summary>The tail's total rate, invocations per second.</summary>
    private const double TailRps = 40;

    /// <param name="folder">Harvest traces 1.txt to 4.txt, one per VM (see <see cref="MissingTraces"/>).</param>
    public static async Task<int> RunAsync(bool quick, string folder, bool verbose = false)
    {
        var none = await RunOnceAsync(Mode.NoEviction, quick, folder, verbose);
        var off = await RunOnceAsync(Mode.HandoverOff, quick, folder, verbose);
        var on = await RunOnceAsync(Mode.HandoverOn, quick, folder, verbose);
        var (wNone, wOff, wOn) = (none.AfterNotice(), off.AfterNotice(), on.AfterNotice());
        var (addedOff, addedOn) = (wOff.ColdStarts - wNone.ColdStarts, wOn.ColdStarts - wNone.ColdStarts);
        // Against the baseline's window directly, and counting only what the eviction adds (beyond the run without it):
        // the live cluster's own cold starts (cores changing with the traces) vary from run to run.
        var reduction = wOff.ColdStarts == 0 ? double.NaN : 1 - (double)wOn.ColdStarts / wOff.ColdStarts;
        var addedReduction = addedOff <= 0 ? double.NaN : 1 - (double)Math.Max(addedOn, 0) / addedOff;
        Console.WriteLine();
        Console.WriteLine($"The {off.WindowSeconds:0} s after the notice (calls sent then), same load and traces (tail seed {TailSeed}):");
        foreach (var (label, w) in new[] { ("no eviction", wNone), ("handover off (baseline)", wOff), ("handover on", wOn) })
        {
            Console.WriteLine($"  {label,-24} {w.Invocations,7:N0} invocations, cold starts {w.ColdStarts,4:N0} ({w.ColdStarts - wNone.ColdStarts:+#;-#;0} by the eviction), failures {w.Failures:N0}, p50 {w.P50Ms:N1} ms, p99 {w.P99Ms:N1} ms");
        }

        Console.WriteLine($"  cold starts in the window: {wOn.ColdStarts:N0} with the handover against {wOff.ColdStarts:N0} without ({(double.IsFinite(reduction) ? $"{reduction:P1} fewer" : "none without it")}); added by the eviction: {addedOn:N0} against {addedOff:N0} ({(double.IsFinite(addedReduction) ? $"{addedReduction:P1} fewer" : "none added without it")}); goal >= 80% fewer");
        Console.WriteLine($"  failures in the window: {wOn.Failures:N0} with the handover against {wOff.Failures:N0} without (goal: none extra)");
        foreach (var (run, (sentAt, record)) in new[] { none, off, on }.SelectMany(r => r.FailedInWindow().Select(f => (r, f))))
        {
            // Each failure explained by its record: where it ran, when it was sent, how long it took, why.
            Console.WriteLine($"    {run.Mode}: {record.Function} sent at {sentAt:0.00} s, {record.Status} on {record.VmId ?? "no VM"} after {record.LatencyMs:0} ms, {record.Attempts} attempt(s): {record.Error?.Type} {record.Error?.Message}");
        }
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "evictions",
            quick,
            seconds = off.Seconds,
            noEviction = none.Json(),
            off = off.Json(),
            on = on.Json(),
            windowSeconds = off.WindowSeconds,
            windowNoEviction = wNone,
            windowOff = wOff,
            windowOn = wOn,
            addedColdStartsOff = addedOff,
            addedColdStartsOn = addedOn,
            coldStartReduction = double.IsFinite(reduction) ? Math.Round(reduction, 4) : (double?)null,
            addedColdStartReduction = double.IsFinite(addedReduction) ? Math.Round(addedReduction, 4) : (double?)null,
            lost = none.LostCalls.Count + off.LostCalls.Count + on.LostCalls.Count,
        }));
        return none.LostCalls.Count + off.LostCalls.Count + on.LostCalls.Count == 0 ? 0 : 1;
    }

    /// <summary>The three runs: the same load, traces and kill; the notice and its handover differ.</summary>
    private enum Mode
    {
        NoEviction,
        HandoverOff,
        HandoverOn,
    }

    private const int TailSeed = 18;

    private static async Task<Run> RunOnceAsync(Mode mode, bool quick, string folder, bool verbose)
    {
        var handover = mode == Mode.HandoverOn;
        // Notice, then a window free of other events (its last calls end before the kill), then the kill.
        var (noticeAt, window, margin, tail) = quick ? (8.0, 12.0, 2.0, 6.0) : (30.0, 60.0, 5.0, 15.0);
        const double timeScale = 20; // 20 minutes of trace per minute of run
        await using var redis = await RedisServer.StartAsync();
        var holder = new InProcessTestCluster?[1];
        var tailNames = Enumerable.Range(0, TailFunctions).Select(i => $"tail-{i:00}").ToArray();

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
                    .ConfigureBalancing(o => (o.ClusterViewRefresh, o.LeaseTtl) = (TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250)))
                    .ConfigureEviction(o => o.PreWarmOnNotice = handover);
                harvest.AddFunction<SleepFunction>(SleepFunction.Spec with { Name = "resize-image", Idempotent = true });
                harvest.AddFunction<SleepFunction>(SleepFunction.Spec with { Name = "charge-card", Idempotent = false });
                foreach (var name in tailNames)
                {
                    harvest.AddFunction<SleepFunction>(SleepFunction.Spec with { Name = name, Idempotent = true });
                }

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

        // Every tail function is called once before the load starts, so a cold start later is not its first call.
        foreach (var name in tailNames)
        {
            await client.InvokeJsonAsync(name, new SleepFunction.Request(1));
        }

        var seconds = noticeAt + window + margin + tail;
        Console.WriteLine($"Evictions, {mode}: 4 VMs replaying {folder} at {timeScale}x, {seconds:0} s of steady load (12 callers each on an idempotent and a non-idempotent 50 ms function, and {TailFunctions} functions open-loop at {TailRps:0}/s in all).");
        var records = new ConcurrentQueue<(double SentAt, InvocationRecord Record)>();
        var ledger = new CallLedger();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        async Task CallAsync(string function, int milliseconds)
        {
            var call = ledger.Start(function);
            var sentAt = clock.Elapsed.TotalSeconds;
            try
            {
                var record = await client.InvokeJsonAsync(function, new SleepFunction.Request(milliseconds));
                records.Enqueue((sentAt, record));
                ledger.Finish(call);
            }
            catch (Exception e)
            {
                ledger.Fail(call, e);
            }
        }

        var callers = new[] { "resize-image", "charge-card" }
            .SelectMany(function => Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await CallAsync(function, 50);
                }
            })))
            .Concat(TailArrivals(tailNames).Select(arrivals => Task.Run(async () =>
            {
                var open = new List<Task>();
                foreach (var (at, function) in arrivals)
                {
                    if (stop.IsCancellationRequested)
                    {
                        break;
                    }

                    var wait = TimeSpan.FromSeconds(at) - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }

                    open.Add(CallAsync(function, 10));
                }

                await Task.WhenAll(open);
            })))
            .ToArray();

        await Task.Delay(TimeSpan.FromSeconds(noticeAt));
        var noticeSent = clock.Elapsed.TotalSeconds;
        if (mode != Mode.NoEviction)
        {
            Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:0.0} s  eviction notice for vm-1 (5 s)");
            await ops.EvictVmAsync("vm-1", TimeSpan.FromSeconds(5), "benchmark: eviction with notice");
            Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:0.0} s  vm-1 drains");
        }
        await Task.Delay(TimeSpan.FromSeconds(noticeAt + window + margin) - clock.Elapsed);
        Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:0.0} s  vm-2 killed without notice");
        await cluster.KillSiloAsync(cluster.Silos.First(s => s.Name.EndsWith("_2", StringComparison.Ordinal)));
        await Task.Delay(TimeSpan.FromSeconds(tail));
        stop.Cancel();
        var finished = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(60)).ContinueWith(t => t.IsCompletedSuccessfully);

        var run = new Run(mode, seconds, noticeSent, window, [.. records], ledger.Lost());
        var all = run.Records.Select(r => r.Record).ToArray();
        var byStatus = run.ByStatus();
        var vms = (await ops.GetClusterAsync()).Vms;
        Console.WriteLine($"invocations {all.Length:N0} ({all.Length / seconds:N0}/s), success {run.SuccessRate:P3}, retried {run.Retried:N0} (extra attempts {all.Sum(r => r.Attempts - 1):N0})");
        Console.WriteLine($"latency of successes: p50 {run.Percentile(0.5):N1} ms, p99 {run.Percentile(0.99):N1} ms");
        Console.WriteLine("by status: " + string.Join(", ", byStatus.Where(p => p.Value > 0).Select(p => $"{p.Key} {p.Value:N0}")));
        Console.WriteLine("VMs at the end: " + string.Join(", ", vms.Select(v => $"{v.VmId} {v.State} {v.Cores:0} cores")));
        Console.WriteLine($"lost (accepted invocations without exactly one final record): {run.LostCalls.Count} {(finished ? "" : "(callers still waiting after 60 s)")} ; calls that threw: {run.LostCalls.Count(c => c.Error is not null)}");
        foreach (var call in run.LostCalls.Take(20))
        {
            Console.WriteLine($"  lost: {call}");
        }

        return run;
    }

    /// <summary>Each tail function's Poisson arrivals (seconds, function), at Zipf-skewed rates; the same in every run.</summary>
    private static IEnumerable<(double At, string Function)[]> TailArrivals(string[] names) =>
        ZipfPoissonArrivals.Generate(names.Length, TailRps, skew: 1, seconds: 600, new Random(TailSeed))
            .Select((times, i) => times.Select(t => (t, names[i])).ToArray());

    /// <summary>One run's records (with when each call was sent), its lost calls, and when the notice was sent.</summary>
    private sealed record Run(Mode Mode, double Seconds, double NoticeAt, double WindowSeconds, (double SentAt, InvocationRecord Record)[] Records, IReadOnlyList<CallLedger.Call> LostCalls)
    {
        public double SuccessRate => Records.Length == 0 ? 0 : (double)Records.Count(r => r.Record.Status == InvocationStatus.Succeeded) / Records.Length;

        public int Retried => Records.Count(r => r.Record.Attempts > 1);

        public Dictionary<string, int> ByStatus() => Enum.GetValues<InvocationStatus>().ToDictionary(s => s.ToString(), s => Records.Count(r => r.Record.Status == s));

        public double Percentile(double q) => Nearest(Records.Where(r => r.Record.IsSuccess).Select(r => r.Record.LatencyMs), q);

        /// <summary>The calls sent in the window after the notice.</summary>
        public Window AfterNotice()
        {
            var inWindow = InWindow().Select(r => r.Record).ToArray();
            var ok = inWindow.Where(r => r.IsSuccess).Select(r => r.LatencyMs).ToArray();
            return new Window(inWindow.Length, inWindow.Count(r => r.ColdStart), inWindow.Count(r => !r.IsSuccess), Math.Round(Nearest(ok, 0.5), 1), Math.Round(Nearest(ok, 0.99), 1));
        }

        public IEnumerable<(double SentAt, InvocationRecord Record)> FailedInWindow() => InWindow().Where(r => !r.Record.IsSuccess);

        private IEnumerable<(double SentAt, InvocationRecord Record)> InWindow() => Records.Where(r => r.SentAt >= NoticeAt && r.SentAt < NoticeAt + WindowSeconds);

        public object Json() => new
        {
            mode = Mode.ToString(),
            invocations = Records.Length,
            successRate = Math.Round(SuccessRate, 6),
            retried = Retried,
            p50Ms = Math.Round(Percentile(0.5), 1),
            p99Ms = Math.Round(Percentile(0.99), 1),
            byStatus = ByStatus(),
            lost = LostCalls.Count,
            threw = LostCalls.Count(c => c.Error is not null),
            lostCalls = LostCalls.Take(20).Select(c => c.ToString()).ToArray(),
        };

        private static double Nearest(IEnumerable<double> values, double q) => NearestRank.Of([.. values.Order()], q, empty: 0);
    }

    /// <summary>Calls sent in the window after the notice: counts, cold starts, failures and latency of successes.</summary>
    private sealed record Window(int Invocations, int ColdStarts, int Failures, double P50Ms, double P99Ms);

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
