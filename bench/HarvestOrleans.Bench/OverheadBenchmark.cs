using System.Text.Json;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.Bench;

/// <summary>
/// Calls/s and p50/p99 of a no-op function through HarvestClient against a raw Orleans grain call with the same
/// payload, from the same external client, at 1, 16 and 256 concurrent callers, on a 3-silo cluster.
/// </summary>
internal static class OverheadBenchmark
{
    public static async Task<int> RunAsync(bool quick)
    {
        int[] levels = [1, 16, 256];
        var warmup = TimeSpan.FromSeconds(quick ? 0.5 : 2);
        var duration = TimeSpan.FromSeconds(quick ? 1.5 : 5);
        var payload = new byte[64];
        Random.Shared.NextBytes(payload);

        await using var cluster = await BenchCluster.StartAsync(siloCount: 3, cores: 1024);
        var grains = cluster.Orleans;
        var harvest = cluster.Harvest;

        Console.WriteLine($"Overhead: no-op 'echo' through HarvestClient vs a raw grain call, {payload.Length}-byte payload, 3 silos, external client over TCP.");
        Console.WriteLine($"Each cell: {warmup.TotalSeconds:0.#} s warm-up, {duration.TotalSeconds:0.#} s measured. Environment.ProcessorCount = {Environment.ProcessorCount}.");
        Console.WriteLine();
        Console.WriteLine($"{"callers",7} | {"raw calls/s",12} {"p50 us",8} {"p99 us",8} | {"harvest calls/s",15} {"p50 us",8} {"p99 us",8} | {"thrpt ratio",11} {"p50 ratio",9}");
        Console.WriteLine(new string('-', 108));

        var rows = new List<object>();
        foreach (var callers in levels)
        {
            var raw = await LoadRun.RunAsync("raw", callers, warmup, duration, async i =>
            {
                var echoed = await grains.GetGrain<IRawEchoGrain>(i).EchoAsync(payload);
                return echoed.Length == payload.Length;
            });
            var ours = await LoadRun.RunAsync("harvest", callers, warmup, duration, async _ =>
            {
                var record = await harvest.InvokeAsync("echo", payload);
                return record.Status == InvocationStatus.Succeeded;
            });

            var throughputRatio = ours.CallsPerSecond / raw.CallsPerSecond;
            var p50Ratio = ours.P50Us / raw.P50Us;
            Console.WriteLine($"{callers,7} | {raw.CallsPerSecond,12:N0} {raw.P50Us,8:N0} {raw.P99Us,8:N0} | {ours.CallsPerSecond,15:N0} {ours.P50Us,8:N0} {ours.P99Us,8:N0} | {throughputRatio,11:P0} {p50Ratio,8:0.00}x"
                + (raw.Errors + ours.Errors > 0 ? $"  errors raw={raw.Errors} harvest={ours.Errors}" : ""));
            rows.Add(new
            {
                callers,
                raw = Figures(raw),
                harvest = Figures(ours),
                throughputRatio = Math.Round(throughputRatio, 3),
                p50Ratio = Math.Round(p50Ratio, 3),
            });
        }

        Console.WriteLine();
        Console.WriteLine("Floor at 16 callers: throughput ratio >= 50% and p50 ratio <= 2x; goal: >= 80% and <= 1.3x.");
        Console.WriteLine(JsonSerializer.Serialize(new { benchmark = "overhead", silos = 3, payloadBytes = payload.Length, quick, levels = rows }));
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
