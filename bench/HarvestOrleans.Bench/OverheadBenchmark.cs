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
        Console.WriteLine("Twice, on a fresh cluster each: invocations measured (CPU time and allocations, the default) and not (Harvest:Invoker:MeasureResources=false); both run on their allotted cores' scheduler.");
        Console.WriteLine();

        // Measurement on first, then off; each against its own raw baseline in the same cluster.
        var measured = await RunLevelsAsync(measure: true, levels, rounds, warmup, duration, payload, relayCheck: true);
        var unmeasured = await RunLevelsAsync(measure: false, levels, rounds, warmup, duration, payload, relayCheck: false);

        Console.WriteLine($"{"callers",7} | {"raw calls/s",12} {"p50 us",7} | {"measured calls/s",16} {"p50 us",7} {"p99 us",7} {"ratio",6} {"p50 x",6} | {"unmeasured calls/s",18} {"p50 us",7} {"p99 us",7} {"ratio",6} {"p50 x",6} | {"on/off thrpt",12}");
        Console.WriteLine(new string('-', 152));
        var rows = new List<object>();
        for (var i = 0; i < levels.Length; i++)
        {
            var (on, off) = (measured.Levels[i], unmeasured.Levels[i]);
            var cost = on.Harvest.CallsPerSecond / off.Harvest.CallsPerSecond;
            Console.WriteLine($"{levels[i],7} | {on.Raw.CallsPerSecond,12:N0} {on.Raw.P50Us,7:N0} | {on.Harvest.CallsPerSecond,16:N0} {on.Harvest.P50Us,7:N0} {on.Harvest.P99Us,7:N0} {on.ThroughputRatio,6:P0} {on.P50Ratio,5:0.00}x | "
                + $"{off.Harvest.CallsPerSecond,18:N0} {off.Harvest.P50Us,7:N0} {off.Harvest.P99Us,7:N0} {off.ThroughputRatio,6:P0} {off.P50Ratio,5:0.00}x | {cost,12:P0}"
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

        var (direct, relay) = measured.Relay!.Value;
        Console.WriteLine();
        Console.WriteLine($"Design check at 16 callers: raw call {direct.CallsPerSecond:N0}/s p50 {direct.P50Us:N0} us; relayed through a second grain {relay.CallsPerSecond:N0}/s p50 {relay.P50Us:N0} us " +
            $"({relay.CallsPerSecond / direct.CallsPerSecond:P0} throughput, {relay.P50Us / direct.P50Us:0.00}x p50): the extra hop a per-invocation FunctionGrain relay would add on top of HarvestClient's own work.");
        Console.WriteLine();
        Console.WriteLine("Floor at 16 callers: throughput ratio >= 50% and p50 ratio <= 2x; goal: >= 80% and <= 1.3x. 'on/off thrpt': measured over unmeasured harvest calls/s (the cost of measuring; runs swing more than that).");
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "overhead",
            silos = 3,
            payloadBytes = payload.Length,
            rounds,
            quick,
            levels = rows,
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

    private static async Task<Run> RunLevelsAsync(bool measure, int[] levels, int rounds, TimeSpan warmup, TimeSpan duration, byte[] payload, bool relayCheck)
    {
        await using var cluster = await BenchCluster.StartAsync(siloCount: 3, cores: 1024, harvest => harvest.ConfigureInvoker(o => o.MeasureResources = measure));
        var grains = cluster.Orleans;
        var harvest = cluster.Harvest;
        Func<int, Task<bool>> raw = async i => (await grains.GetGrain<IRawEchoGrain>(i).EchoAsync(payload)).Length == payload.Length;
        Func<int, Task<bool>> relayed = async i => (await grains.GetGrain<IRawRelayGrain>(i).RelayAsync(payload)).Length == payload.Length;
        Func<int, Task<bool>> ours = async _ => (await harvest.InvokeAsync("echo", payload)).Status == InvocationStatus.Succeeded;

        // Uncounted: the first cluster of the process would otherwise also pay for JIT and tiering in its first cells.
        await LoadRun.CompareAsync(16, 1, warmup, warmup, raw, ours);

        var results = new List<Level>();
        foreach (var callers in levels)
        {
            var (baseline, figures) = await LoadRun.CompareAsync(callers, rounds, warmup, duration, raw, ours);
            results.Add(new Level(baseline, figures));
        }

        // Design check: one extra grain hop per call, which relaying every invocation through its FunctionGrain would add.
        return new Run(results, relayCheck ? await LoadRun.CompareAsync(16, rounds, warmup, duration, raw, relayed) : null);
    }

    private sealed record Level(LoadRun.Result Raw, LoadRun.Result Harvest)
    {
        public double ThroughputRatio => Harvest.CallsPerSecond / Raw.CallsPerSecond;

        public double P50Ratio => Harvest.P50Us / Raw.P50Us;

        public long Errors => Raw.Errors + Harvest.Errors;
    }

    private sealed record Run(IReadOnlyList<Level> Levels, (LoadRun.Result Direct, LoadRun.Result Relayed)? Relay);

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

    private static object Figures(LoadRun.Result r) => new
    {
        callsPerSecond = Math.Round(r.CallsPerSecond, 1),
        p50Us = Math.Round(r.P50Us, 1),
        p99Us = Math.Round(r.P99Us, 1),
        calls = r.Calls,
        errors = r.Errors,
    };
}
