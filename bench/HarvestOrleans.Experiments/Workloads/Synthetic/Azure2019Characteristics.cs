using HarvestOrleans.Experiments.Traces;

namespace HarvestOrleans.Experiments.Workloads.Synthetic;

/// <summary>
/// The figures of a 2019 trace day that the ATC'20 paper publishes (<see cref="Azure2019Calibration"/>), measured the
/// way the paper does where the day's files allow: rates per app and per function, normalised to a day when a file
/// has fewer minutes. Works the same on a generated day and on the real dataset.
/// </summary>
/// <param name="Functions">Functions in the invocations file.</param>
/// <param name="Apps">Distinct apps.</param>
/// <param name="Invocations">Invocations in the file.</param>
/// <param name="TopFunctionsShare">Share of invocations of the most invoked 18.6% of functions.</param>
/// <param name="TopAppsShare">Share of invocations of the most invoked 18.6% of apps (Fig. 5(b): 99.6%).</param>
/// <param name="AppsAtMostHourly">Share of apps invoked at most once per hour on average (Fig. 5(a): 45%).</param>
/// <param name="AppsAtMostMinutely">Share of apps invoked at most once per minute on average (Fig. 5(a): 81%).</param>
/// <param name="OrdersOfMagnitude">log10 of the most over the least invoked function's daily rate (Fig. 5(a): over 8 across the whole platform).</param>
/// <param name="MeanUnderOneSecond">Share of functions whose average execution time is under 1 s (Fig. 7: 50%; its log-normal fit, 56%).</param>
/// <param name="MaxUnderThreeSeconds">Share of functions whose maximum execution time is under 3 s (Fig. 7: 50%).</param>
/// <param name="MaxAtMostTenSeconds">Share of functions whose maximum is at most 10 s (§3's takeaways: 75%).</param>
/// <param name="MaxAtMostSixtySeconds">Share of functions whose maximum is at most 60 s (Fig. 7: 90%).</param>
/// <param name="MemoryMaxP50Mb">Median over apps of the maximum allocated memory (Fig. 8: 170 MB), or NaN without memory rows.</param>
/// <param name="MemoryMaxP90Mb">90th percentile of the same (Fig. 8: 400 MB).</param>
/// <param name="MemoryAverageP50Mb">Median over apps of the average allocated memory (Fig. 8's Burr fit: 140 MB).</param>
/// <param name="TriggerFunctionShares">Share of functions per trigger (Fig. 2).</param>
/// <param name="TriggerInvocationShares">Share of invocations per trigger (Fig. 2).</param>
/// <param name="TimersAtMostMinutely">Share of timer functions invoked at most once per minute on average (§3: 95%).</param>
public sealed record Azure2019Characteristics(
    int Functions,
    int Apps,
    long Invocations,
    double TopFunctionsShare,
    double TopAppsShare,
    double AppsAtMostHourly,
    double AppsAtMostMinutely,
    double OrdersOfMagnitude,
    double MeanUnderOneSecond,
    double MaxUnderThreeSeconds,
    double MaxAtMostTenSeconds,
    double MaxAtMostSixtySeconds,
    double MemoryMaxP50Mb,
    double MemoryMaxP90Mb,
    double MemoryAverageP50Mb,
    IReadOnlyDictionary<string, double> TriggerFunctionShares,
    IReadOnlyDictionary<string, double> TriggerInvocationShares,
    double TimersAtMostMinutely)
{
    /// <summary>The figures of <paramref name="functions"/> (a loaded or generated day).</summary>
    public static Azure2019Characteristics Of(IReadOnlyList<Azure2019Function> functions)
    {
        if (functions.Count == 0)
        {
            throw new ArgumentException("A trace without functions has no characteristics.", nameof(functions));
        }

        var minutes = functions.Max(f => f.PerMinute.Length);
        var perDay = (double)Azure2019Format.MINUTES_PER_DAY / minutes;
        var counts = functions.Select(f => f.Invocations).ToArray();
        var total = counts.Sum();
        var apps = functions.Select((f, i) => (f.AppId, Count: counts[i])).GroupBy(p => p.AppId, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Count: g.Sum(p => p.Count))).ToArray();
        var appRates = apps.Select(a => a.Count * perDay).ToArray();
        var invoked = counts.Where(c => c > 0).ToArray();
        var maxima = functions.Select(MaximumMs).ToArray();
        var memories = functions.Where(f => f.Memory is not null).GroupBy(f => f.AppId, StringComparer.Ordinal).Select(g => g.First().Memory!).ToArray();
        var memoryMaxima = memories.Select(m => m.Percentiles.Count > 0 ? m.Percentiles.MaxBy(p => p.Percentile).Value : m.AverageMb).Order().ToArray();
        var memoryAverages = memories.Select(m => m.AverageMb).Order().ToArray();
        var byTrigger = functions.Select((f, i) => (f.Trigger, Count: counts[i])).GroupBy(p => p.Trigger, StringComparer.OrdinalIgnoreCase).ToArray();
        var timers = functions.Select((f, i) => (f.Trigger, Rate: counts[i] * perDay)).Where(p => p.Trigger.Equals("timer", StringComparison.OrdinalIgnoreCase)).ToArray();

        return new Azure2019Characteristics(
            functions.Count,
            apps.Length,
            total,
            TopShare(counts, total),
            TopShare([.. apps.Select(a => a.Count)], total),
            Share(appRates, r => r <= 24),
            Share(appRates, r => r <= Azure2019Format.MINUTES_PER_DAY),
            invoked.Length == 0 ? 0 : Math.Log10((double)invoked.Max() / invoked.Min()),
            Share(functions.Select(f => f.AverageMs).ToArray(), ms => ms < 1000),
            Share(maxima, ms => ms < 3000),
            Share(maxima, ms => ms <= 10_000),
            Share(maxima, ms => ms <= 60_000),
            Quantile(memoryMaxima, 0.5),
            Quantile(memoryMaxima, 0.9),
            Quantile(memoryAverages, 0.5),
            byTrigger.ToDictionary(g => g.Key, g => (double)g.Count() / functions.Count, StringComparer.OrdinalIgnoreCase),
            byTrigger.ToDictionary(g => g.Key, g => total == 0 ? 0 : (double)g.Sum(p => p.Count) / total, StringComparer.OrdinalIgnoreCase),
            timers.Length == 0 ? double.NaN : Share([.. timers.Select(t => t.Rate)], r => r <= Azure2019Format.MINUTES_PER_DAY));
    }

    /// <summary>The function's recorded maximum, else its top percentile, else its average.</summary>
    private static double MaximumMs(Azure2019Function function) => function.Duration is not { } d ? function.AverageMs
        : d.MaximumMs ?? (d.Percentiles.Count > 0 ? d.Percentiles.MaxBy(p => p.Percentile).Value : d.AverageMs);

    /// <summary>The share of <paramref name="total"/> of the largest 18.6% of <paramref name="counts"/> (at least one).</summary>
    private static double TopShare(long[] counts, long total)
    {
        var top = Math.Max(1, (int)Math.Round(Azure2019Calibration.POPULAR_APPS * counts.Length));
        return total == 0 ? 0 : (double)counts.OrderDescending().Take(top).Sum() / total;
    }

    private static double Share(double[] values, Func<double, bool> predicate) => (double)values.Count(predicate) / values.Length;

    private static double Quantile(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : TraceSpecs.Percentile(sorted, q * 100);
}
