using System.Diagnostics;

namespace HarvestOrleans.Bench;

/// <summary>Closed-loop load: N callers each awaiting one call at a time for a fixed duration.</summary>
internal static class LoadRun
{
    public sealed record Result(string Name, int Callers, long Calls, long Errors, double Seconds, double P50Us, double P99Us)
    {
        public double CallsPerSecond => Calls / Seconds;
    }

    /// <summary>Per-figure medians over several runs of the same cell.</summary>
    public static Result Median(IReadOnlyList<Result> runs)
    {
        static double Mid(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var seconds = runs.Sum(r => r.Seconds) / runs.Count;
        return new Result(
            runs[0].Name,
            runs[0].Callers,
            (long)Mid(runs.Select(r => r.CallsPerSecond * seconds)),
            runs.Sum(r => r.Errors),
            seconds,
            Mid(runs.Select(r => r.P50Us)),
            Mid(runs.Select(r => r.P99Us)));
    }

    public static async Task<Result> RunAsync(string name, int callers, TimeSpan warmup, TimeSpan duration, Func<int, Task<bool>> call)
    {
        var measuring = false;
        var stop = false;
        var latencies = new List<long>[callers];
        var errors = 0L;
        var tasks = Enumerable.Range(0, callers).Select(i => Task.Run(async () =>
        {
            var mine = latencies[i] = new List<long>(1 << 16);
            while (!Volatile.Read(ref stop))
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await call(i).ConfigureAwait(false);
                var elapsed = Stopwatch.GetTimestamp() - started;
                if (Volatile.Read(ref measuring))
                {
                    mine.Add(elapsed);
                    if (!ok)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            }
        })).ToArray();

        await Task.Delay(warmup);
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref measuring, true);
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        var seconds = clock.Elapsed.TotalSeconds;
        Volatile.Write(ref stop, true);
        await Task.WhenAll(tasks);

        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        double Us(double q) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(q * all.Length))] * 1_000_000.0 / Stopwatch.Frequency;
        return new Result(name, callers, all.Length, errors, seconds, Us(0.50), Us(0.99));
    }

    /// <summary>Both sides of a comparison, alternating which goes first each round; per-figure medians.</summary>
    public static async Task<(Result Baseline, Result Measured)> CompareAsync(
        int callers, int rounds, TimeSpan warmup, TimeSpan duration, Func<int, Task<bool>> baseline, Func<int, Task<bool>> measured)
    {
        var a = new List<Result>();
        var b = new List<Result>();
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0)
            {
                a.Add(await RunAsync("baseline", callers, warmup, duration, baseline));
                b.Add(await RunAsync("measured", callers, warmup, duration, measured));
            }
            else
            {
                b.Add(await RunAsync("measured", callers, warmup, duration, measured));
                a.Add(await RunAsync("baseline", callers, warmup, duration, baseline));
            }
        }

        return (Median(a), Median(b));
    }
}
