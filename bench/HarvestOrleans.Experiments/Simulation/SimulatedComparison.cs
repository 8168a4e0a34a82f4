using HarvestOrleans.Experiments.Comparison;
using HarvestOrleans.Experiments.Scenarios;
using HarvestOrleans.Experiments.Simulation.Fidelity;
using HarvestOrleans.Simulation;
using HarvestOrleans.Simulation.Inputs;
using HarvestOrleans.Simulation.Workloads;

namespace HarvestOrleans.Experiments.Simulation;

/// <summary>
/// The main job's comparison, simulated: the same scenarios (VMs, cores, harvest traces at the same time scale), the same
/// workload (the same open-loop schedule, or closed-loop users), the same mapping of traced functions to suite code,
/// with each suite function's measured costs (<see cref="FunctionBenchCosts"/>). What the fidelity check runs against
/// the live comparison.
/// </summary>
public static class SimulatedComparison
{
    /// <param name="recordsPath">Where to write every invocation's record (<c>invocations.csv</c>), if anywhere.</param>
    /// <param name="calibrate">
    /// What execution, cold starts and messages cost in a cell (scenario, policy); default, in every cell, the live
    /// runtime's checked-in measurements (<see cref="SimCalibration.Measured"/>).
    /// </param>
    public static IReadOnlyList<SimCell> Run(ComparisonOptions options, Action<string, string, double>? progress = null, string? recordsPath = null, Func<string, string, SimCalibration>? calibrate = null)
    {
        var measured = SimCalibration.Measured();
        calibrate ??= (_, _) => measured;
        using var records = recordsPath is null ? null : new SimRecordCsv(recordsPath);
        var root = ComparisonRunner.RepoRoot();
        var work = Directory.CreateTempSubdirectory("harvest-simcompare-").FullName;
        try
        {
            var workload = Workload.Load(options, root);
            var seconds = Seconds(options, workload);
            var cells = new List<SimCell>();
            foreach (var name in options.Scenarios)
            {
                var scenario = ClusterScenario.Create(name, options.HarvestTraces ?? Path.Combine(root, "samples", "traces", "harvest"), options.Vms, options.CoreScale, options.HarvestTimeScale, work);
                var vms = SimClusters.FromScenario(scenario, PriceList.Default);
                if (options.Evictions)
                {
                    // As the live comparison: the last VM is evicted with 3 s notice 40% into the run.
                    vms = [.. vms.Take(vms.Count - 1), vms[^1] with { NoticeAtSeconds = seconds * 0.4, NoticeSeconds = 3 }];
                }

                foreach (var policy in options.Policies)
                {
                    var calibration = calibrate(name, policy);
                    var (functions, makeWorkload) = Inputs(options, workload, calibration.Costs);
                    var simulation = new Simulator(
                        LiveDefaults.For(policy, options.Mode, seed: options.Seed) with
                        {
                            LoadReportInterval = ExperimentCluster.LoadReportInterval,
                            VmSampleInterval = ComparisonRunner.SampleInterval,
                            NetworkHopMs = calibration.NetworkHopMs,
                            ResourcePolicy = options.ResourcePolicy,
                        },
                        vms,
                        functions,
                        makeWorkload(),
                        records?.For(name, policy));
                    var result = simulation.Run(TimeSpan.FromSeconds(seconds), fraction => progress?.Invoke(name, policy, fraction));
                    cells.Add(new SimCell(name, policy, result));
                }
            }

            return cells;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>How long a cell runs: the replay's last arrival, or the closed loop's duration.</summary>
    private static double Seconds(ComparisonOptions options, Workload workload) =>
        workload.Plan is not null ? Math.Max(workload.ExpectedSeconds, 0.001) + 0.001 : options.Duration.TotalSeconds;

    private static (IReadOnlyList<SimFunctionSpec> Functions, Func<ISimWorkload> Workload) Inputs(
        ComparisonOptions options, Workload workload, IReadOnlyDictionary<string, SimFunctionSpec> costs)
    {
        SimFunctionSpec CostOf(string code) => costs.TryGetValue(code, out var spec)
            ? spec
            : throw new ArgumentException($"No measured costs for suite function '{code}' (bench/HarvestOrleans.Simulation/Data/functionbench.json; run 'measure-functions').");

        if (workload.Plan is { } plan && workload.Map is { } map)
        {
            // One simulated function per deployed trace function, running its suite code's measured costs.
            var deployed = map.Functions.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
            var index = deployed.Select((f, i) => (f.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
            var functions = deployed.Select(f => CostOf(f.Code) with { Name = f.Name }).ToArray();
            var arrivals = plan.Select(p => new Arrival(p.AtSeconds, index[map.NameOf(p.TraceFunction)])).ToArray();
            return (functions, () => new OpenLoopWorkload(arrivals));
        }

        var mix = options.Mix.Where(m => m.Value > 0).OrderBy(m => m.Key, StringComparer.Ordinal).ToArray();
        var closed = mix.Select(m => CostOf(m.Key)).ToArray();
        var weights = mix.Select(m => m.Value).ToArray();
        return (closed, () => new ClosedLoopWorkload(options.Users, options.ThinkTime.TotalSeconds, weights));
    }
}
