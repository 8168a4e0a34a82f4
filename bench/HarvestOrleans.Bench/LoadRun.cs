using System.Diagnostics;

namespace HarvestOrleans.Bench;

/// <summary>Closed-loop load: N callers each awaiting one call at a time for a fixed duration.</summary>
internal static class LoadRun
{
    /// <param name="CpuSecondsPer1k">
    /// The process's CPU time (all its threads: callers, client and server alike, as they share it) per 1,000 calls
    /// over the measured window: what an invocation costs, not just how many fit.
    /// </param>
    /// <param name="AllocatedBytesPerCall">The process's managed bytes allocated per call over the measured window.</param>
    /// <param name="MessagesPerCall">Orleans messages sent per call (0 unless the run counted them: <see cref="MessageCounter"/>).</param>
    /// <param name="MessageBytesPerCall">Those messages' bytes per call.</param>
    public sealed record Result(string Name, int Callers, long Calls, long Errors, double Seconds, double P50Us, double P99Us, double CpuSecondsPer1k,
        double AllocatedBytesPerCall = 0, double MessagesPerCall = 0, double MessageBytesPerCall = 0)
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
            Mid(runs.Select(r => r.P99Us)),
            Mid(runs.Select(r => r.CpuSecondsPer1k)),
            Mid(runs.Select(r => r.AllocatedBytesPerCall)),
            Mid(runs.Select(r => r.MessagesPerCall)),
            Mid(runs.Select(r => r.MessageBytesPerCall)));
    }

    /// <param name="messages">Counts the Orleans messages of the measured window too; null: not counted (listening costs a little per message).</param>
    /// <param name="onMeasuring">Called as the measured window starts (after the warm-up).</param>
    public static async Task<Result> RunAsync(string name, int callers, TimeSpan warmup, TimeSpan duration, Func<int, Task<bool>> call, MessageCounter? messages = null, Action? onMeasuring = null)
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
        onMeasuring?.Invoke();
        var start = ProcessCost.Now(messages);
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref measuring, true);
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        var seconds = clock.Elapsed.TotalSeconds;
        var end = ProcessCost.Now(messages);
        Volatile.Write(ref stop, true);
        await Task.WhenAll(tasks);

        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        double Us(double q) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(q * all.Length))] * 1_000_000.0 / Stopwatch.Frequency;
        var cost = end.Since(start, all.Length);
        return new Result(name, callers, all.Length, errors, seconds, Us(0.50), Us(0.99), cost.CpuSecondsPer1k, cost.AllocatedBytes, cost.Messages, cost.MessageBytes);
    }

    /// <summary>
    /// Every side of a comparison at <paramref name="callers"/>, the order rotating each round so none always goes first;
    /// per-figure medians, in the order given.
    /// </summary>
    public static async Task<Result[]> CompareAsync(int callers, int rounds, TimeSpan warmup, TimeSpan duration, params (string Name, Func<int, Task<bool>> Call)[] sides)
    {
        var runs = sides.Select(_ => new List<Result>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < sides.Length; i++)
            {
                var side = (round + i) % sides.Length;
                runs[side].Add(await RunAsync(sides[side].Name, callers, warmup, duration, sides[side].Call));
            }
        }

        return [.. runs.Select(Median)];
    }

    /// <summary>Both sides of a comparison, alternating which goes first each round; per-figure medians.</summary>
    public static async Task<(Result Baseline, Result Measured)> CompareAsync(
        int callers, int rounds, TimeSpan warmup, TimeSpan duration, Func<int, Task<bool>> baseline, Func<int, Task<bool>> measured)
    {
        var results = await CompareAsync(callers, rounds, warmup, duration, ("baseline", baseline), ("measured", measured));
        return (results[0], results[1]);
    }
}
