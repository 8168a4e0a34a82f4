using System.Diagnostics;
using HarvestOrleans.Experiments.Comparison;
using HarvestOrleans.Experiments.Simulation;
using HarvestOrleans.Experiments.Traces;
using HarvestOrleans.Policies;
using Spectre.Console;

namespace HarvestOrleans.Bench.Commands;

/// <summary><c>simulate compare</c>: the main job's comparison (same options), simulated in virtual time.</summary>
internal static class SimulateCompareCommand
{
    public static CompareCommand Create() => new(
        "compare",
        "The main job's comparison, simulated: the same scenarios, workload and options as 'compare', in virtual time.",
        RunAsync);

    private static Task<int> RunAsync(ComparisonOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var wall = Stopwatch.StartNew();
            var output = Path.GetFullPath(Path.Combine(options.OutputDirectory, "simulated"));
            var cells = SimulatedComparison.Run(options, recordsPath: Path.Combine(output, "invocations.csv"));
            var title = $"Simulated comparison{(options.Mode == PolicyMode.Paper ? ", Paper mode" : "")} ({wall.Elapsed.TotalSeconds:0.0} s wall)";
            SimReport.PrintTable(title, cells);
            var files = SimReport.Write(output, cells);
            AnsiConsole.MarkupLineInterpolated($"[grey]Wrote invocations.csv and {files.Count} files to {output}[/]");
            Console.WriteLine(SimReport.Json(SimReport.Figures(cells)));
            return Task.FromResult(0);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult(CommandLine.UsageError("simulate compare", ex.Message));
        }
        catch (TraceFormatException ex)
        {
            Console.Error.WriteLine($"simulate compare: malformed trace: {ex.Message}");
            return Task.FromResult(1);
        }
    }
}
