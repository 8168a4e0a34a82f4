using System.Globalization;
using HarvestOrleans.Experiments.Simulation;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace HarvestOrleans.Experiments.Comparison;

/// <summary>The comparison's figures: printed as a table, written as CSV and charts, and as one JSON line.</summary>
public sealed class ComparisonReport
{
    private ComparisonReport(string outputDirectory, IReadOnlyList<CellResult> cells, string json)
    {
        OutputDirectory = outputDirectory;
        Cells = cells;
        Json = json;
    }

    public string OutputDirectory { get; }

    public IReadOnlyList<CellResult> Cells { get; }

    /// <summary>The table's figures keyed by scenario, then policy.</summary>
    public string Json { get; }

    internal static ComparisonReport Write(ComparisonOptions options, string workload, IReadOnlyList<CellResult> cells)
    {
        var output = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(output);
        PrintTable(workload, cells);
        WriteCsv(Path.Combine(output, "comparison.csv"), cells);
        WriteInvocationsCsv(Path.Combine(output, "invocations.csv"), cells);
        var charts = Charts.Write(output, cells);
        var json = JsonSerializer.Serialize(cells.GroupBy(c => c.Scenario).ToDictionary(
            s => s.Key,
            s => s.ToDictionary(c => c.Policy, c => new
            {
                invocations = c.Count,
                throughputPerSec = Round(c.Throughput),
                p50Ms = Round(c.LatencyP(50)),
                p95Ms = Round(c.LatencyP(95)),
                p99Ms = Round(c.LatencyP(99)),
                coldStartPct = Round(c.ColdStartPct),
                overloadPct = Round(c.OverloadPct),
                harvestedPct = Round(c.HarvestedPct),
                acceleratedPct = Round(c.AcceleratedPct),
                failures = c.FailuresByStatus,
                meanVmsPerFunction = Round(c.MeanVmsPerFunction),
                planAgeP50Ms = Round(c.PlanAgeP(50)),
                planAgeP99Ms = Round(c.PlanAgeP(99)),
                measuredCpu = c.CpuByFunction.ToDictionary(f => f.Key, f => new
                {
                    invocations = f.Value.Invocations,
                    averageCores = Math.Round(f.Value.MeanAverageCores, 3),
                    cpuSecondsPerInvocation = Math.Round(f.Value.MeanCpuSeconds, 4),
                    cpuSeconds = Math.Round(f.Value.TotalCpuSeconds, 3),
                }),
            })));
        AnsiConsole.MarkupLine($"CSV and charts: [bold]{Markup.Escape(output)}[/] ({string.Join(", ", charts.Select(Path.GetFileName))})");
        Console.WriteLine(json);
        return new ComparisonReport(output, cells, json);
    }

    private static void PrintTable(string workload, IReadOnlyList<CellResult> cells)
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160); // a log file, not an 80-column terminal
        }

        var table = new Table().Title($"Policies × scenarios — {Markup.Escape(workload)}");
        foreach (var column in new[] { "scenario", "policy", "invocations", "thr/s", "p50 ms", "p95 ms", "p99 ms", "cold %", "overload %", "failures", "VMs/fn", "plan age p50/p99 ms" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var c in cells)
        {
            table.AddRow(
                c.Scenario, c.Policy, $"{c.Count}", F(c.Throughput), F(c.LatencyP(50)), F(c.LatencyP(95)), F(c.LatencyP(99)),
                F(c.ColdStartPct), F(c.OverloadPct), Markup.Escape(c.Failures == 0 ? "0" : string.Join(" ", c.FailuresByStatus.Select(p => $"{p.Key}:{p.Value}"))),
                F(c.MeanVmsPerFunction), $"{F(c.PlanAgeP(50))}/{F(c.PlanAgeP(99))}");
        }

        AnsiConsole.Write(table);

        var cpu = new Table().Title("Measured CPU per function (invocations that ran; averages per invocation)");
        foreach (var column in new[] { "scenario", "policy", "function", "invocations", "avg cores", "core-s / inv", "core-s total" })
        {
            cpu.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var c in cells)
        {
            foreach (var (function, f) in c.CpuByFunction)
            {
                cpu.AddRow(c.Scenario, c.Policy, Markup.Escape(function), $"{f.Invocations}",
                    f.MeanAverageCores.ToString("0.00", CultureInfo.InvariantCulture), f.MeanCpuSeconds.ToString("0.0000", CultureInfo.InvariantCulture), F(f.TotalCpuSeconds));
            }
        }

        AnsiConsole.Write(cpu);
    }

    private static void WriteCsv(string path, IReadOnlyList<CellResult> cells)
    {
        var csv = new StringBuilder("scenario,policy,invocations,succeeded,throughput_per_s,p50_ms,p95_ms,p99_ms,cold_start_pct,overload_pct,failures,failures_by_status,mean_vms_per_function,plan_age_p50_ms,plan_age_p99_ms\n");
        foreach (var c in cells)
        {
            csv.Append(string.Create(CultureInfo.InvariantCulture,
                $"{c.Scenario},{c.Policy},{c.Count},{c.Succeeded},{c.Throughput:0.###},{c.LatencyP(50):0.#},{c.LatencyP(95):0.#},{c.LatencyP(99):0.#},{c.ColdStartPct:0.##},{c.OverloadPct:0.##},{c.Failures},{string.Join(';', c.FailuresByStatus.Select(p => $"{p.Key}={p.Value}"))},{c.MeanVmsPerFunction:0.##},{c.PlanAgeP(50):0.#},{c.PlanAgeP(99):0.#}\n"));
        }

        File.WriteAllText(path, csv.ToString());
    }

    private static void WriteInvocationsCsv(string path, IReadOnlyList<CellResult> cells)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine(SimRecordCsv.Header);
        foreach (var c in cells)
        {
            foreach (var (sentAt, r) in c.Invocations)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{c.Scenario},{c.Policy},{sentAt:0.###},{r.Function},{r.Version},{r.Status},{r.Error?.Type},{r.VmId},{r.LatencyMs:0.##},{r.QueueWaitMs:0.##},{r.InitMs:0.##},{r.ExecutionMs:0.##},{r.ColdStart},{r.Overload},{r.Attempts},{r.CpuSeconds:0.######},{r.AverageCores:0.###},{r.AllocatedBytes},{r.ConfiguredCores:0.###},{r.AllocatedCores:0.###},{r.AllottedCores},{r.ConfiguredMemoryMb:0.#},{r.AllocatedMemoryMb:0.#},{r.ResourcePolicy},{r.ResourceReason},{r.PeakCores:0.###}"));
            }
        }
    }

    private static string F(double value) => double.IsNaN(value) ? "-" : value.ToString(value >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);

    private static double Round(double value) => double.IsNaN(value) ? 0 : Math.Round(value, 2);
}
