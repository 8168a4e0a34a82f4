using HarvestOrleans.Experiments.Simulation.Fidelity;
using HarvestOrleans.Experiments.Traces;
using Spectre.Console;

namespace HarvestOrleans.Bench.Commands;

/// <summary>
/// <c>simulate fidelity</c>: the comparison run live, then simulated with costs calibrated from each live cell, side by
/// side per policy. Exit code 0 when every cell agrees within the bounds, 3 when one does not.
/// </summary>
internal static class SimulateFidelityCommand
{
    /// <summary>The exit code when a cell does not agree.</summary>
    private const int Disagrees = 3;

    public static CompareCommand Create() => new(
        "fidelity",
        "The comparison (the same options as 'compare') live, then simulated with costs calibrated from each live cell: cold-start %, VMs per function and p50 side by side, within stated bounds. Exit code 3 when a cell disagrees.",
        RunAsync);

    private static async Task<int> RunAsync(HarvestOrleans.Experiments.Comparison.ComparisonOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var result = await FidelityCheck.RunAsync(options with { OutputDirectory = Path.Combine(options.OutputDirectory, "fidelity") }, cancellationToken: cancellationToken);
            FidelityReport.PrintTable(result);
            var csv = FidelityReport.WriteCsv(Path.GetFullPath(Path.Combine(options.OutputDirectory, "fidelity")), result);
            AnsiConsole.MarkupLineInterpolated($"[grey]Wrote {csv} (live/ and simulated/ beside it)[/]");
            Console.WriteLine(FidelityReport.Json(result));
            return result.Agrees ? 0 : Disagrees;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return CommandLine.UsageError("simulate fidelity", ex.Message);
        }
        catch (TraceFormatException ex)
        {
            Console.Error.WriteLine($"simulate fidelity: malformed trace: {ex.Message}");
            return 1;
        }
    }
}
