using HarvestOrleans.Experiments.Comparison;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HarvestOrleans.Simulation.Output;
using ScottPlot;
using Spectre.Console;

namespace HarvestOrleans.Experiments.Simulation;

/// <summary>
/// A simulation's figures, as the comparison gives them and with money: a table, <c>simulation.csv</c>, a latency CDF
/// per scenario and cores-per-VM charts (when sampled), and a JSON object for the run's one JSON line.
/// </summary>
public static class SimReport
{
    public static void PrintTable(string title, IReadOnlyList<SimCell> cells)
    {
        AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 180); // a log file, not an 80-column terminal
        var table = new Table().Title(title).AddColumns(
            "scenario", "policy", "invocations", "thr/s", "p50 ms", "p95 ms", "p99 ms", "cold %", "overload %", "success %", "failures", "VMs/fn", "$", "$/M inv", "inv/$");
        foreach (var cell in cells)
        {
            var r = cell.Result;
            var s = r.Stats;
            table.AddRow(
                cell.Scenario,
                cell.Policy,
                s.Invocations.ToString("N0", CultureInfo.InvariantCulture),
                F(r.Throughput, 1),
                F(s.Latency.Percentile(50), 1),
                F(s.Latency.Percentile(95), 1),
                F(s.Latency.Percentile(99), 1),
                F(s.ColdStartPct, 2),
                F(s.OverloadPct, 2),
                F(100 * s.SuccessRate, 3),
                Markup.Escape(s.FailuresByStatus.Count == 0 ? "0" : string.Join(' ', s.FailuresByStatus.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"))),
                F(s.MeanVmsPerFunction, 2),
                F(r.Cost.TotalDollars, 3),
                F(r.Cost.DollarsPerMillion, 2),
                F(r.Cost.InvocationsPerDollar, 0));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>Writes <c>simulation.csv</c> and the charts into <paramref name="folder"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<SimCell> cells)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        var csv = new StringBuilder("scenario,policy,invocations,succeeded,throughput_per_s,p50_ms,p95_ms,p99_ms,cold_start_pct,overload_pct,success_pct,failures,vms_per_function,cost_usd,usd_per_million,invocations_per_usd,core_hours,events,wall_s\n");
        foreach (var cell in cells)
        {
            var r = cell.Result;
            var s = r.Stats;
            csv.Append(string.Create(CultureInfo.InvariantCulture,
                $"{cell.Scenario},{cell.Policy},{s.Invocations},{s.Succeeded},{r.Throughput:0.###},{s.Latency.Percentile(50):0.###},{s.Latency.Percentile(95):0.###},{s.Latency.Percentile(99):0.###},{s.ColdStartPct:0.###},{s.OverloadPct:0.###},{100 * s.SuccessRate:0.####},{s.Failures},{s.MeanVmsPerFunction:0.###},{r.Cost.TotalDollars:0.#####},{r.Cost.DollarsPerMillion:0.###},{r.Cost.InvocationsPerDollar:0.#},{r.Cost.TotalCoreHours:0.###},{r.Events},{r.WallSeconds:0.###}\n"));
        }

        var csvPath = Path.Combine(folder, "simulation.csv");
        File.WriteAllText(csvPath, csv.ToString());
        written.Add(csvPath);
        foreach (var scenario in cells.GroupBy(c => c.Scenario))
        {
            var plot = new Plot();
            foreach (var cell in scenario)
            {
                var cdf = cell.Result.Stats.Latency.Cdf().ToArray();
                if (cdf.Length > 0)
                {
                    var line = plot.Add.ScatterLine(cdf.Select(p => p.Value).ToArray(), cdf.Select(p => p.Fraction).ToArray());
                    line.LegendText = cell.Policy;
                    line.LineWidth = 2;
                }
            }

            plot.Title($"{scenario.Key} (simulated): latency CDF of succeeded invocations");
            plot.XLabel("end-to-end latency (ms)");
            plot.YLabel("fraction of invocations");
            plot.ShowLegend(Alignment.LowerRight);
            var path = Path.Combine(folder, $"sim-latency-cdf-{FileSafe(scenario.Key)}.png");
            plot.SavePng(path, 900, 520);
            written.Add(path);

            foreach (var cell in scenario.Where(c => c.Result.Samples.Count > 0))
            {
                var loadPath = LoadChart.Write(
                    Path.Combine(folder, $"sim-load-{FileSafe(cell.Scenario)}-{cell.Policy}.png"),
                    $"{cell.Scenario} / {cell.Policy} (simulated): cores and cores in use per VM",
                    cell.Result.Samples.Select(v => (v.AtSeconds, v.VmId, v.Cores, v.CoresInUse)),
                    maxVms: 12);
                written.Add(loadPath);
            }
        }

        return written;
    }

    /// <summary>The figures of every cell, keyed by scenario then policy, for a JSON line.</summary>
    public static Dictionary<string, Dictionary<string, object>> Figures(IReadOnlyList<SimCell> cells) =>
        cells.GroupBy(c => c.Scenario).ToDictionary(g => g.Key, g => g.ToDictionary(c => c.Policy, c => Figure(c.Result)));

    public static object Figure(SimulationResult r) => new
    {
        invocations = r.Stats.Invocations,
        succeeded = r.Stats.Succeeded,
        throughputPerSec = Round(r.Throughput),
        p50Ms = Round(r.Stats.Latency.Percentile(50)),
        p95Ms = Round(r.Stats.Latency.Percentile(95)),
        p99Ms = Round(r.Stats.Latency.Percentile(99)),
        coldStartPct = Round(r.Stats.ColdStartPct),
        overloadPct = Round(r.Stats.OverloadPct),
        successPct = Math.Round(100 * r.Stats.SuccessRate, 4),
        failures = r.Stats.FailuresByStatus,
        meanVmsPerFunction = Round(r.Stats.MeanVmsPerFunction),
        costUsd = Math.Round(r.Cost.TotalDollars, 5),
        usdPerMillion = Round(r.Cost.DollarsPerMillion),
        invocationsPerUsd = Round(r.Cost.InvocationsPerDollar),
        pricePerCoreHour = r.Cost.PricePerCoreHour.ToDictionary(p => p.Key.ToString(), p => Math.Round(p.Value, 5)),
        coreHours = Round(r.Cost.TotalCoreHours),
    };

    public static string Json(object value) => JsonSerializer.Serialize(value);

    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 2) : -1;

    private static string F(double value, int digits) => double.IsFinite(value) ? value.ToString("F" + digits, CultureInfo.InvariantCulture) : "-";

    private static string FileSafe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
}
