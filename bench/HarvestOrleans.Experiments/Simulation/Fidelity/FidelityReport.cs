using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace HarvestOrleans.Experiments.Simulation.Fidelity;

/// <summary>A fidelity check's figures side by side: a table, <c>fidelity.csv</c>, and one JSON line.</summary>
public static class FidelityReport
{
    public static void PrintTable(FidelityResult result)
    {
        AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 180);
        var b = result.Bounds;
        var table = new Table()
            .Title($"Fidelity: live against simulated (calibrated from the live cell; median and range over {result.Cells.FirstOrDefault()?.Simulated.Count ?? 0} seeds). Bounds from the range: cold ±{F(b.ColdStartFlips)} invocations, VMs/fn ±{F(b.VmsPerFunction)}, p50 within {F(b.P50Ratio)}x or {F(b.P50SlackMs)} ms")
            .AddColumns("scenario", "policy", "invocations", "cold % live", "cold % sim", "VMs/fn live", "VMs/fn sim", "p50 ms live", "p50 ms sim", "agrees");
        foreach (var c in result.Cells)
        {
            var m = c.SimulatedMedian;
            table.AddRow(
                c.Scenario, c.Policy, c.Live.Invocations.ToString(CultureInfo.InvariantCulture),
                F(c.Live.ColdStartPct), Spread(m.ColdStartPct, c, f => f.ColdStartPct),
                F(c.Live.VmsPerFunction), Spread(m.VmsPerFunction, c, f => f.VmsPerFunction),
                F(c.Live.P50Ms), Spread(m.P50Ms, c, f => f.P50Ms),
                c.Agrees ? "[green]yes[/]" : $"[red]no[/]: {Markup.Escape(string.Join("; ", c.Misses))}");
        }

        AnsiConsole.Write(table);
    }

    /// <summary>Writes <c>fidelity.csv</c> into <paramref name="folder"/> and returns its path.</summary>
    public static string WriteCsv(string folder, FidelityResult result)
    {
        var csv = new StringBuilder("scenario,policy,invocations,cold_start_pct_live,cold_start_pct_sim,cold_start_pct_sim_min,cold_start_pct_sim_max,vms_per_function_live,vms_per_function_sim,vms_per_function_sim_min,vms_per_function_sim_max,p50_ms_live,p50_ms_sim,p50_ms_sim_min,p50_ms_sim_max,agrees\n");
        foreach (var c in result.Cells)
        {
            var m = c.SimulatedMedian;
            var (coldLow, coldHigh) = FidelityBounds.Range(c.Simulated, f => f.ColdStartPct);
            var (vmsLow, vmsHigh) = FidelityBounds.Range(c.Simulated, f => f.VmsPerFunction);
            var (p50Low, p50High) = FidelityBounds.Range(c.Simulated, f => f.P50Ms);
            csv.Append(string.Create(CultureInfo.InvariantCulture,
                $"{c.Scenario},{c.Policy},{c.Live.Invocations},{c.Live.ColdStartPct:0.###},{m.ColdStartPct:0.###},{coldLow:0.###},{coldHigh:0.###},{c.Live.VmsPerFunction:0.###},{m.VmsPerFunction:0.###},{vmsLow:0.###},{vmsHigh:0.###},{c.Live.P50Ms:0.###},{m.P50Ms:0.###},{p50Low:0.###},{p50High:0.###},{c.Agrees}\n"));
        }

        var path = Path.Combine(folder, "fidelity.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    /// <summary>Every cell's figures (live, simulated, agrees) keyed by scenario then policy, with the bounds.</summary>
    public static string Json(FidelityResult result) => JsonSerializer.Serialize(new
    {
        agrees = result.Agrees,
        bounds = new { coldStartFlips = result.Bounds.ColdStartFlips, vmsPerFunction = result.Bounds.VmsPerFunction, p50Ratio = result.Bounds.P50Ratio, p50SlackMs = result.Bounds.P50SlackMs },
        cells = result.Cells.GroupBy(c => c.Scenario).ToDictionary(g => g.Key, g => g.ToDictionary(c => c.Policy, c => new
        {
            live = Figures(c.Live),
            simulated = Figures(c.SimulatedMedian),
            simulatedLow = Figures(Low(c)),
            simulatedHigh = Figures(High(c)),
            agrees = c.Agrees,
            misses = c.Misses,
        })),
    });

    private static object Figures(FidelityFigures f) => new
    {
        invocations = f.Invocations,
        coldStartPct = Math.Round(f.ColdStartPct, 2),
        vmsPerFunction = Math.Round(f.VmsPerFunction, 2),
        p50Ms = double.IsFinite(f.P50Ms) ? Math.Round(f.P50Ms, 2) : -1,
    };

    private static FidelityFigures Low(FidelityCell c) => new(c.Simulated.Min(f => f.Invocations), c.Simulated.Min(f => f.ColdStartPct), c.Simulated.Min(f => f.VmsPerFunction), c.Simulated.Min(f => f.P50Ms));

    private static FidelityFigures High(FidelityCell c) => new(c.Simulated.Max(f => f.Invocations), c.Simulated.Max(f => f.ColdStartPct), c.Simulated.Max(f => f.VmsPerFunction), c.Simulated.Max(f => f.P50Ms));

    private static string Spread(double median, FidelityCell cell, Func<FidelityFigures, double> figure)
    {
        var (low, high) = FidelityBounds.Range(cell.Simulated, figure);
        return $"{F(median)} ({F(low)}-{F(high)})";
    }

    private static string F(double value) => double.IsFinite(value) ? value.ToString("0.##", CultureInfo.InvariantCulture) : "-";
}
