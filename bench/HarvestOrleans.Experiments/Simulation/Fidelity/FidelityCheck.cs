using HarvestOrleans.Experiments.Comparison;

namespace HarvestOrleans.Experiments.Simulation.Fidelity;

/// <summary>
/// Runs a comparison live, then simulated with costs calibrated from the live run's records
/// (<see cref="LiveCalibration"/>), and compares each cell's cold starts, VMs per function and median latency within
/// <see cref="FidelityBounds"/>. The simulator decides with the silos' own policy code, so what this checks is the rest
/// of the model: report cadence and staleness, leases, admission, warm pools and the workload's timing.
/// </summary>
public static class FidelityCheck
{
    /// <summary>The default number of simulated runs per cell, each with its own seed: enough for the range of a figure to show the model's own randomness, at milliseconds a run.</summary>
    public const int DEFAULT_SEEDS = 10;

    /// <param name="options">The comparison (the main job's by default); its output folder receives <c>live/</c> and <c>simulated/</c>.</param>
    /// <param name="bounds">How far apart live and simulated may be; default <see cref="FidelityBounds"/>.</param>
    /// <param name="seeds">Simulated runs per cell, seeds <c>options.Seed</c> onwards (the first one's records and charts are written).</param>
    public static async Task<FidelityResult> RunAsync(ComparisonOptions options, FidelityBounds? bounds = null, int seeds = DEFAULT_SEEDS, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds, 1);
        bounds ??= new FidelityBounds();
        var output = Path.GetFullPath(options.OutputDirectory);
        var live = await ComparisonRunner.RunAsync(options with { OutputDirectory = Path.Combine(output, "live") }, cancellationToken);

        var workload = Workload.Load(options, ComparisonRunner.RepoRoot());
        var codeOf = workload.Map?.Functions.ToDictionary(f => f.Name, f => f.Code, StringComparer.Ordinal) ?? [];
        var measured = SimCalibration.Measured();
        var calibrations = live.Cells.ToDictionary(c => (c.Scenario, c.Policy), c => LiveCalibration.From(c, codeOf, measured));
        var simulatedFolder = Directory.CreateDirectory(Path.Combine(output, "simulated")).FullName;
        SimCalibration Calibrate(string scenario, string policy) => calibrations[(scenario, policy)];
        var simulated = SimulatedComparison.Run(options, recordsPath: Path.Combine(simulatedFolder, "invocations.csv"), calibrate: Calibrate);
        SimReport.Write(simulatedFolder, simulated);
        var runs = new List<IReadOnlyList<SimCell>> { simulated };
        for (var seed = 1; seed < seeds; seed++)
        {
            runs.Add(SimulatedComparison.Run(options with { Seed = options.Seed + seed }, calibrate: Calibrate));
        }

        var cells = live.Cells.Select(l =>
        {
            var liveFigures = new FidelityFigures(l.Count, l.ColdStartPct, l.MeanVmsPerFunction, l.LatencyP(50));
            var (bandLow, bandHigh) = bounds.MedianBand(l.Count);
            var simFigures = runs.Select(run => run.Single(c => c.Scenario == l.Scenario && c.Policy == l.Policy).Result.Stats)
                .Select(s => new FidelityFigures(s.Invocations, s.ColdStartPct, s.MeanVmsPerFunction, s.Latency.Percentile(50), s.Latency.Percentile(bandLow), s.Latency.Percentile(bandHigh)))
                .ToList();
            return new FidelityCell(l.Scenario, l.Policy, liveFigures, simFigures, bounds.Misses(liveFigures, simFigures));
        }).ToList();
        return new FidelityResult(live, calibrations, simulated, cells, bounds);
    }
}
