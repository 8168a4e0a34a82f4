using System.Globalization;
using System.Text;
using ScottPlot;
using Spectre.Console;

namespace HarvestOrleans.Experiments.Simulation.Resources;

/// <summary>The resource managers side by side: a table, <c>resources.csv</c>, a slowdown CDF, and a JSON object.</summary>
public static class ResourcesReport
{
    /// <param name="live">The runs are live (<c>resources</c>), not simulated.</param>
    public static void PrintTable(IReadOnlyList<ResourcesRun> runs, bool live = false)
    {
        AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 180);
        var table = new Table().Title($"Resource managers on the Freyr workload ({Setting(live)}; slowdown against the users' configurations, < 1 is faster)")
            .AddColumns("policy", "invocations", "success %", "failures", "harvested %", "accelerated %", "slowdown p50", "slowdown p99", "queue p99 ms", "p50 ms", "p99 ms", "thr/s");
        foreach (var run in runs)
        {
            var s = run.Stats;
            table.AddRow(run.Policy, s.Invocations.ToString("N0", CultureInfo.InvariantCulture), F(100 * s.SuccessRate, 3),
                Markup.Escape(s.FailuresByStatus.Count == 0 ? "0" : string.Join(' ', s.FailuresByStatus.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"))),
                F(s.HarvestedPct, 1), F(s.AcceleratedPct, 1), F(s.Slowdown.Percentile(50), 3), F(s.Slowdown.Percentile(99), 3),
                F(s.QueueWait.Percentile(99), 1), F(s.Latency.Percentile(50), 1), F(s.Latency.Percentile(99), 1), F(run.Result.Throughput, 1));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>Writes <c>resources.csv</c> and <c>slowdown-cdf.png</c> into <paramref name="folder"/>; returns them.</summary>
    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<ResourcesRun> runs, bool live = false)
    {
        Directory.CreateDirectory(folder);
        var csv = new StringBuilder("policy,invocations,succeeded,success_pct,harvested_pct,accelerated_pct,slowdown_p50,slowdown_p99,slowdown_mean,queue_p99_ms,p50_ms,p99_ms,throughput_per_s\n");
        foreach (var run in runs)
        {
            var s = run.Stats;
            csv.Append(string.Create(CultureInfo.InvariantCulture,
                $"{run.Policy},{s.Invocations},{s.Succeeded},{100 * s.SuccessRate:0.####},{s.HarvestedPct:0.###},{s.AcceleratedPct:0.###},{s.Slowdown.Percentile(50):0.####},{s.Slowdown.Percentile(99):0.####},{s.Slowdown.Mean:0.####},{s.QueueWait.Percentile(99):0.###},{s.Latency.Percentile(50):0.###},{s.Latency.Percentile(99):0.###},{run.Result.Throughput:0.###}\n"));
        }

        var csvPath = Path.Combine(folder, "resources.csv");
        File.WriteAllText(csvPath, csv.ToString());
        var plot = new Plot();
        foreach (var run in runs)
        {
            var cdf = run.Stats.Slowdown.Cdf().ToArray();
            if (cdf.Length > 0)
            {
                var line = plot.Add.ScatterLine(cdf.Select(p => p.Value).ToArray(), cdf.Select(p => p.Fraction).ToArray());
                line.LegendText = run.Policy;
                line.LineWidth = 2;
            }
        }

        plot.Title($"Slowdown against the users' configurations ({Setting(live)}; < 1 is faster)");
        plot.XLabel("execution time / execution time on the configured resources");
        plot.YLabel("fraction of invocations");
        plot.ShowLegend(Alignment.LowerRight);
        var chart = Path.Combine(folder, "slowdown-cdf.png");
        plot.SavePng(chart, 900, 520);
        return [csvPath, chart];
    }

    /// <summary>Every policy's figures, for the run's JSON line.</summary>
    public static object Json(IReadOnlyList<ResourcesRun> runs, bool live = false) => new
    {
        benchmark = live ? "resources-live" : "simulate-resources",
        policies = runs.ToDictionary(r => r.Policy, r => new
        {
            invocations = r.Stats.Invocations,
            successPct = Math.Round(100 * r.Stats.SuccessRate, 4),
            failures = r.Stats.FailuresByStatus,
            harvestedPct = Math.Round(r.Stats.HarvestedPct, 2),
            acceleratedPct = Math.Round(r.Stats.AcceleratedPct, 2),
            slowdownP50 = Round(r.Stats.Slowdown.Percentile(50)),
            slowdownP99 = Round(r.Stats.Slowdown.Percentile(99)),
            slowdownMean = Round(r.Stats.Slowdown.Mean),
            queueP99Ms = Round(r.Stats.QueueWait.Percentile(99)),
            p50Ms = Round(r.Stats.Latency.Percentile(50)),
            p99Ms = Round(r.Stats.Latency.Percentile(99)),
            throughputPerSec = Round(r.Result.Throughput),
        }),
    };

    private static string Setting(bool live) => live ? "live" : "simulated";

    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 4) : -1;

    private static string F(double value, int digits) => double.IsFinite(value) ? value.ToString("F" + digits, CultureInfo.InvariantCulture) : "-";
}
