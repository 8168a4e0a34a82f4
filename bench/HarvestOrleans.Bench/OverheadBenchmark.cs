using System.Text.Json;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.Bench;

/// <summary>
/// Calls/s and p50/p99 of a no-op function through HarvestClient against a raw Orleans grain call with the same
/// payload, from the same external client, at 1, 16 and 256 concurrent callers, on a 3-silo cluster. Each cell runs
/// several rounds, alternating which side goes first, and reports the medians: the machines are shared and noisy.
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

        await using var cluster = await BenchCluster.StartAsync(siloCount: 3, cores: 1024);
        var grains = cluster.Orleans;
        var harvest = cluster.Harvest;
        Func<int, Task<bool>> raw = async i => (await grains.GetGrain<IRawEchoGrain>(i).EchoAsync(payload)).Length == payload.Length;
        Func<int, Task<bool>> relayed = async i => (await grains.GetGrain<IRawRelayGrain>(i).RelayAsync(payload)).Length == payload.Length;
        Func<int, Task<bool>> ours = async _ => (await harvest.InvokeAsync("echo", payload)).Status == InvocationStatus.Succeeded;

        Console.WriteLine($"Overhead: no-op 'echo' through HarvestClient vs a raw grain call, {payload.Length}-byte payload, 3 silos and their client in one process on Orleans' in-memory test transport (HarvestOrleans.Testing).");
        Console.WriteLine($"Each cell: median of {rounds} round(s) of {warmup.TotalSeconds:0.#} s warm-up + {duration.TotalSeconds:0.#} s measured, sides alternating. Environment.ProcessorCount = {Environment.ProcessorCount}.");
        Console.WriteLine();
        Console.WriteLine($"{"callers",7} | {"raw calls/s",12} {"p50 us",8} {"p99 us",8} | {"harvest calls/s",15} {"p50 us",8} {"p99 us",8} | {"thrpt ratio",11} {"p50 ratio",9}");
        Console.WriteLine(new string('-', 108));

        var rows = new List<object>();
        foreach (var callers in levels)
        {
            var (baseline, measured) = await LoadRun.CompareAsync(callers, rounds, warmup, duration, raw, ours);
            var throughputRatio = measured.CallsPerSecond / baseline.CallsPerSecond;
            var p50Ratio = measured.P50Us / baseline.P50Us;
            Console.WriteLine($"{callers,7} | {baseline.CallsPerSecond,12:N0} {baseline.P50Us,8:N0} {baseline.P99Us,8:N0} | {measured.CallsPerSecond,15:N0} {measured.P50Us,8:N0} {measured.P99Us,8:N0} | {throughputRatio,11:P0} {p50Ratio,8:0.00}x"
                + (baseline.Errors + measured.Errors > 0 ? $"  errors raw={baseline.Errors} harvest={measured.Errors}" : ""));
            rows.Add(new
            {
                callers,
                raw = Figures(baseline),
                harvest = Figures(measured),
                throughputRatio = Math.Round(throughputRatio, 3),
                p50Ratio = Math.Round(p50Ratio, 3),
            });
        }

        // Design check: one extra grain hop per call, which relaying every invocation through its FunctionGrain would add.
        var (direct, relay) = await LoadRun.CompareAsync(16, rounds, warmup, duration, raw, relayed);
        Console.WriteLine();
        Console.WriteLine($"Design check at 16 callers: raw call {direct.CallsPerSecond:N0}/s p50 {direct.P50Us:N0} us; relayed through a second grain {relay.CallsPerSecond:N0}/s p50 {relay.P50Us:N0} us " +
            $"({relay.CallsPerSecond / direct.CallsPerSecond:P0} throughput, {relay.P50Us / direct.P50Us:0.00}x p50): the extra hop a per-invocation FunctionGrain relay would add on top of HarvestClient's own work.");
        Console.WriteLine();
        Console.WriteLine("Floor at 16 callers: throughput ratio >= 50% and p50 ratio <= 2x; goal: >= 80% and <= 1.3x.");
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
