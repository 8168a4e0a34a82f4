using System.Text.Json;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.Bench;

/// <summary>
/// Calls/s and p50/p99 of a no-op function through HarvestClient against a raw Orleans grain call with the same
/// payload, from the same external client, at 1, 16 and 256 concurrent callers, on a 3-silo cluster. Each cell runs
/// several rounds, alternating which side goes first, and reports the medians: the machines are shared and noisy.
/// It runs twice, with the invoker measuring each invocation's CPU and allocations and without, to show what measuring costs.
/// </summary>
internal static class OverheadBenchmark
{
    private const int AllocationTypesShown = 20;

    public static async Task<int> RunAsync(bool quick)
    {
        int[] levels = [1, 16, 256];
        var rounds = quick ? 1 : 3;
        var warmup = TimeSpan.FromSeconds(quick ? 0.5 : 1);
        var duration = TimeSpan.FromSeconds(quick ? 1.5 : 3);
        var payload = new byte[64];
        Random.Shared.NextBytes(payload);

        Console.WriteLine($"Overhead: no-op 'echo' through HarvestClient vs a raw grain call, {payload.Length}-byte payload, 3 silos and their client in one process on Orleans' in-memory test transport (HarvestOrleans.Testing).");
        Console.WriteLine($"Each cell: median of {rounds} round(s) of {warmup.TotalSeconds:0.#} s warm-up + {duration.TotalSeconds:0.#} s measured, sides alternating. Environment.ProcessorCount = {Environment.ProcessorCount}.");
        Console.WriteLine("Two clusters side by side: invocations measured (CPU time and allocations, the default) and not (Harvest:Invoker:MeasureResources=false), both on their allotted cores' scheduler; their cells alternate.");
        Console.WriteLine();

        // Both clusters live in the process at once and take turns, level by level: a process's first cells run slower
        // (thread pool growth, tiering), which a measured-then-unmeasured order would charge to measuring.
        await using var measuredCluster = await Side.StartAsync(measure: true, payload);
        await using var unmeasuredCluster = await Side.StartAsync(measure: false, payload);
        await measuredCluster.CompareAsync(16, 1, warmup, warmup);
        await unmeasuredCluster.CompareAsync(16, 1, warmup, warmup);
        var measured = new List<Level>();
        var unmeasured = new List<Level>();
        for (var i = 0; i < levels.Length; i++)
        {
            foreach (var side in i % 2 == 0 ? new[] { measuredCluster, unmeasuredCluster } : [unmeasuredCluster, measuredCluster])
            {
                (side == measuredCluster ? measured : unmeasured).Add(await side.CompareAsync(levels[i], rounds, warmup, duration));
            }
        }

        Console.WriteLine($"{"callers",7} | {"raw calls/s",12} {"p50 us",7} | {"measured calls/s",16} {"p50 us",7} {"p99 us",7} {"ratio",6} {"p50 x",6} | {"unmeasured calls/s",18} {"p50 us",7} {"p99 us",7} {"ratio",6} {"p50 x",6} | {"on/off thrpt",12} | {"CPU s/1k raw",12} {"harvest",7}");
        Console.WriteLine(new string('-', 176));
        var rows = new List<object>();
        for (var i = 0; i < levels.Length; i++)
        {
            var (on, off) = (measured[i], unmeasured[i]);
            var cost = on.Harvest.CallsPerSecond / off.Harvest.CallsPerSecond;
            Console.WriteLine($"{levels[i],7} | {on.Raw.CallsPerSecond,12:N0} {on.Raw.P50Us,7:N0} | {on.Harvest.CallsPerSecond,16:N0} {on.Harvest.P50Us,7:N0} {on.Harvest.P99Us,7:N0} {on.ThroughputRatio,6:P0} {on.P50Ratio,5:0.00}x | "
                + $"{off.Harvest.CallsPerSecond,18:N0} {off.Harvest.P50Us,7:N0} {off.Harvest.P99Us,7:N0} {off.ThroughputRatio,6:P0} {off.P50Ratio,5:0.00}x | {cost,12:P0} | {on.Raw.CpuSecondsPer1k,12:0.000} {on.Harvest.CpuSecondsPer1k,7:0.000}"
                + (on.Errors + off.Errors > 0 ? $"  errors measured={on.Errors} unmeasured={off.Errors}" : ""));
            rows.Add(new
            {
                callers = levels[i],
                raw = Figures(on.Raw),
                harvest = Figures(on.Harvest),
                throughputRatio = Math.Round(on.ThroughputRatio, 3),
                p50Ratio = Math.Round(on.P50Ratio, 3),
                unmeasured = new
                {
                    raw = Figures(off.Raw),
                    harvest = Figures(off.Harvest),
                    throughputRatio = Math.Round(off.ThroughputRatio, 3),
                    p50Ratio = Math.Round(off.P50Ratio, 3),
                },
                measuredOverUnmeasuredThroughput = Math.Round(cost, 3),
            });
        }

        // Where a call's cost goes: what it allocates and the messages it sends, counted in a pass of its own.
        var (rawCost, harvestCost, harvestAllocations, planAges) = await measuredCluster.CostAsync(warmup, duration);
        Console.WriteLine();
        Console.WriteLine("Per call at 16 callers (one pass each, Orleans messages counted; the process's allocations, callers and silos alike):");
        Console.WriteLine($"{"",9} | {"CPU s/1k",8} {"KB alloc",8} {"messages",8} {"msg bytes",9}");
        foreach (var r in new[] { rawCost, harvestCost })
        {
            Console.WriteLine($"{r.Name,9} | {r.CpuSecondsPer1k,8:0.000} {r.AllocatedBytesPerCall / 1024,8:0.00} {r.MessagesPerCall,8:0.00} {r.MessageBytesPerCall,9:N0}");
        }

        Console.WriteLine($"Plan age (how old the chosen VM's load report was when each invocation was placed, second pass): p50 {planAges.P50Ms:N0} ms, p99 {planAges.P99Ms:N0} ms.");
        Console.WriteLine("HarvestClient's bytes by type (sampled allocation events of a third pass; share of bytes, and bytes per call at the second pass's rate):");
        foreach (var (type, share) in harvestAllocations.Take(AllocationTypesShown))
        {
            Console.WriteLine($"  {share,6:P1} {share * harvestCost.AllocatedBytesPerCall,7:N0} B  {type}");
        }

        // Design check: one extra grain hop per call, which relaying every invocation through its FunctionGrain would add.
        var (direct, relay) = await measuredCluster.RelayCheckAsync(rounds, warmup, duration);
        Console.WriteLine();
        Console.WriteLine($"Design check at 16 callers: raw call {direct.CallsPerSecond:N0}/s p50 {direct.P50Us:N0} us; relayed through a second grain {relay.CallsPerSecond:N0}/s p50 {relay.P50Us:N0} us " +
            $"({relay.CallsPerSecond / direct.CallsPerSecond:P0} throughput, {relay.P50Us / direct.P50Us:0.00}x p50): the extra hop a per-invocation FunctionGrain relay would add on top of HarvestClient's own work.");
        Console.WriteLine();
        Console.WriteLine("Floor at 16 callers: throughput ratio >= 50% and p50 ratio <= 2x; goal: >= 80% and <= 1.3x. 'on/off thrpt': measured over unmeasured harvest calls/s (the cost of measuring; runs swing more than that). 'CPU s/1k': the process's CPU seconds per 1,000 calls of the measured cluster (callers, client and silos share the process; the other cluster idles beside them).");
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "overhead",
            silos = 3,
            payloadBytes = payload.Length,
            rounds,
            quick,
            levels = rows,
            perCall = new
            {
                callers = 16,
                raw = CostFigures(rawCost),
                harvest = CostFigures(harvestCost),
                planAgeP50Ms = Math.Round(planAges.P50Ms, 1),
                planAgeP99Ms = Math.Round(planAges.P99Ms, 1),
                harvestAllocations = harvestAllocations.Take(AllocationTypesShown).Select(a => new { type = a.Type, share = Math.Round(a.Share, 3) }),
            },
            relayCheck = new
            {
                callers = 16,
                raw = Figures(direct),
                relayed = Figures(relay),
                throughputRatio = Math.Round(relay.CallsPerSecond / direct.CallsPerSecond, 3),
                p50Ratio = Math.Round(relay.P50Us / direct.P50Us, 3),
            },
        }));
        return 0;
    }

    /// <summary>One side of the comparison: a 3-silo cluster with measurement on or off, and its raw and harvest calls.</summary>
    private sealed class Side : IAsyncDisposable
    {
        private readonly BenchCluster _cluster;
        private readonly Func<int, Task<bool>> _raw;
        private readonly Func<int, Task<bool>> _relayed;
        private readonly Func<int, Task<bool>> _harvest;

        private Side(BenchCluster cluster, byte[] payload)
        {
            _cluster = cluster;
            var grains = cluster.Orleans;
            _raw = async i => (await grains.GetGrain<IRawEchoGrain>(i).EchoAsync(payload)).Length == payload.Length;
            _relayed = async i => (await grains.GetGrain<IRawRelayGrain>(i).RelayAsync(payload)).Length == payload.Length;
            _harvest = async i =>
            {
                var record = await cluster.Harvest.InvokeAsync("echo", payload);
                if (_planAges is { } ages)
                {
                    (ages[i] ??= []).Add(record.PlanAgeMs); // one list per caller: each caller awaits one call at a time
                }

                return record.Status == InvocationStatus.Succeeded;
            };
        }

        // Collected only in the pass that asks for them.
        private volatile List<double>?[]? _planAges;

        public static async Task<Side> StartAsync(bool measure, byte[] payload) =>
            new(await BenchCluster.StartAsync(siloCount: 3, cores: 1024, harvest => harvest.ConfigureInvoker(o => o.MeasureResources = measure)), payload);

        public async Task<Level> CompareAsync(int callers, int rounds, TimeSpan warmup, TimeSpan duration)
        {
            var (raw, harvest) = await LoadRun.CompareAsync(callers, rounds, warmup, duration, _raw, _harvest);
            return new Level(raw, harvest);
        }

        /// <summary>
        /// One run of each side at 16 callers with Orleans' messages counted (allocations and messages per call), then
        /// one of HarvestClient with its allocations sampled by type; with the age of the plan each invocation was placed
        /// with (<see cref="InvocationRecord.PlanAgeMs"/>) over the second.
        /// </summary>
        public async Task<(LoadRun.Result Raw, LoadRun.Result Harvest, IReadOnlyList<(string Type, double Share)> HarvestAllocations, PlanAges PlanAges)> CostAsync(TimeSpan warmup, TimeSpan duration)
        {
            LoadRun.Result raw, harvest;
            using (var messages = new MessageCounter())
            {
                raw = await LoadRun.RunAsync("raw", 16, warmup, duration, _raw, messages);
                _planAges = new List<double>?[16];
                harvest = await LoadRun.RunAsync("harvest", 16, warmup, duration, _harvest, messages);
            }

            var ages = _planAges.SelectMany(a => a ?? []).Order().ToArray();
            _planAges = null;

            var (_, allocations) = await AllocationProfile.SampleAsync("harvest", 16, warmup, duration, _harvest);
            return (raw, harvest, allocations, new PlanAges(Quantile(ages, 0.50), Quantile(ages, 0.99)));
        }

        public Task<(LoadRun.Result Baseline, LoadRun.Result Measured)> RelayCheckAsync(int rounds, TimeSpan warmup, TimeSpan duration) =>
            LoadRun.CompareAsync(16, rounds, warmup, duration, _raw, _relayed);

        public ValueTask DisposeAsync() => _cluster.DisposeAsync();
    }

    /// <summary>Median and 99th percentile of the plan ages of a pass, in ms.</summary>
    private sealed record PlanAges(double P50Ms, double P99Ms);

    private static double Quantile(double[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    private sealed record Level(LoadRun.Result Raw, LoadRun.Result Harvest)
    {
        public double ThroughputRatio => Harvest.CallsPerSecond / Raw.CallsPerSecond;

        public double P50Ratio => Harvest.P50Us / Raw.P50Us;

        public long Errors => Raw.Errors + Harvest.Errors;
    }

    /// <summary>Runs both sides <paramref name="rounds"/> times, alternating which goes first; returns the medians.</summary>
    public static async Task<int> SoakAsync(TimeSpan duration)
    {
        await using var cluster = await BenchCluster.StartAsync(siloCount: 3, cores: 1024);
        Console.WriteLine($"Soak: 16 callers invoking 'echo' for {duration.TotalSeconds:0} s (pid {Environment.ProcessId}).");
        var result = await LoadRun.RunAsync("harvest", 16, TimeSpan.FromSeconds(1), duration, async _ =>
            (await cluster.Harvest.InvokeAsync("echo", new byte[64])).Status == InvocationStatus.Succeeded);
        Console.WriteLine($"{result.CallsPerSecond:N0} calls/s, p50 {result.P50Us:N0} us, p99 {result.P99Us:N0} us, errors {result.Errors}");
        return 0;
    }

    private static object CostFigures(LoadRun.Result r) => new
    {
        cpuSecondsPer1k = Math.Round(r.CpuSecondsPer1k, 4),
        allocatedBytesPerCall = Math.Round(r.AllocatedBytesPerCall),
        messagesPerCall = Math.Round(r.MessagesPerCall, 2),
        messageBytesPerCall = Math.Round(r.MessageBytesPerCall),
    };

    private static object Figures(LoadRun.Result r) => new
    {
        callsPerSecond = Math.Round(r.CallsPerSecond, 1),
        p50Us = Math.Round(r.P50Us, 1),
        p99Us = Math.Round(r.P99Us, 1),
        cpuSecondsPer1k = Math.Round(r.CpuSecondsPer1k, 4),
        calls = r.Calls,
        errors = r.Errors,
    };
}
