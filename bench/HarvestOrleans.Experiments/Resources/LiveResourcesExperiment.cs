using System.Diagnostics;
using HarvestOrleans.Cluster;
using HarvestOrleans.Experiments.Comparison;
using HarvestOrleans.Experiments.Scenarios;
using HarvestOrleans.Experiments.Simulation.Resources;
using HarvestOrleans.Experiments.Workloads;
using HarvestOrleans.FunctionBench;
using HarvestOrleans.Functions;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocations;
using HarvestOrleans.Policies;
using HarvestOrleans.Simulation.Inputs;
using HarvestOrleans.Simulation.Output;
using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Experiments.Resources;

/// <summary>
/// The resource managers on the <see cref="FreyrWorkload"/>, live: the workload's functions (the FunctionBench suite's
/// code under the workload's over-, right- and under-provisioned configurations) registered on a fresh in-process
/// cluster per manager, each invocation's input drawn from <see cref="FreyrWorkload.InputSize"/> (so its need varies),
/// the workload's arrivals sent open loop, after the whole workload once uncounted (to warm the process). Slowdown, as in the simulator, is an invocation's queue wait plus execution
/// against the same function and input run alone on its configuration: measured first, on a <c>Fixed</c> cluster with
/// nothing else running. Figures go through the simulator's statistics and report, so the two read the same.
/// </summary>
public static class LiveResourcesExperiment
{
    /// <summary>
    /// The input sizes an invocation is given: <see cref="FreyrWorkload.InputSize"/> rounded to one of these, so that every
    /// (function, size) has its run alone measured.
    /// </summary>
    public static IReadOnlyList<double> Sizes { get; } = [0.25, 0.5, 1, 1.5, 2.5, 4];

    public static async Task<IReadOnlyList<ResourcesRun>> RunAsync(LiveResourcesOptions options, Action<string, double>? progress = null, CancellationToken cancellationToken = default)
    {
        var workload = FreyrWorkload.Create(options.Seed, options.Minutes, options.InvocationsPerMinute);
        var suite = workload.SuiteFunctions.Select(name => FunctionBenchSuite.All.Single(f => f.Spec.Name == name)).ToArray();
        var specs = workload.Functions.Select((f, i) => suite[i].Spec with { Name = f.Name, Cores = f.DeclaredCores, MemoryMb = (int)f.MemoryMb }).ToArray();
        var plan = Plan(workload, options);
        var packages = Directory.CreateTempSubdirectory("harvest-resources-live-");
        try
        {
            // The whole workload once, uncounted: a process's first minutes run slower (tiered JIT, the thread pool still
            // growing), which would favour whichever manager runs last and flatter every run against a cold baseline.
            await using (var warmup = await StartAsync(options, ResourcePolicyNames.Fixed, suite, specs, packages.FullName, cancellationToken))
            {
                await Send(warmup, plan, specs, suite, p => progress?.Invoke("warm-up", p), cancellationToken);
            }

            progress?.Invoke("alone", 0);
            var alone = await MeasureAloneAsync(options, suite, specs, plan, packages.FullName, cancellationToken);
            progress?.Invoke("alone", 1);
            var runs = new List<ResourcesRun>();
            foreach (var policy in options.Policies)
            {
                await using var cluster = await StartAsync(options, policy, suite, specs, packages.FullName, cancellationToken);
                var clock = Stopwatch.StartNew();
                var records = await Send(cluster, plan, specs, suite, p => progress?.Invoke(policy, p), cancellationToken);
                runs.Add(new ResourcesRun(policy, Result(policy, records, plan, specs, alone, clock.Elapsed.TotalSeconds)));
            }

            return runs;
        }
        finally
        {
            packages.Delete(recursive: true);
        }
    }

    /// <summary>The invocations to send: the workload's arrivals (compressed in time), each with a drawn input size.</summary>
    public static IReadOnlyList<LiveInvocation> Plan(FreyrWorkload workload, LiveResourcesOptions options)
    {
        var random = new Random(options.Seed);
        return [.. workload.Arrivals.Select(a => new LiveInvocation(a.AtSeconds / options.Compression, a.Function, Nearest(FreyrWorkload.InputSize.Sample(random))))];
    }

    /// <summary>The size of <see cref="Sizes"/> nearest to <paramref name="size"/>.</summary>
    public static double Nearest(double size) => Sizes.MinBy(s => Math.Abs(Math.Log(s / size)));

    private static async Task<Dictionary<(int Function, double Size), double>> MeasureAloneAsync(
        LiveResourcesOptions options, SuiteFunction[] suite, FunctionSpec[] specs, IReadOnlyList<LiveInvocation> plan, string packages, CancellationToken cancellationToken)
    {
        await using var cluster = await StartAsync(options, ResourcePolicyNames.Fixed, suite, specs, packages, cancellationToken);
        var alone = new Dictionary<(int, double), double>();
        foreach (var group in plan.Select(p => (p.Function, p.Size)).Distinct().GroupBy(p => p.Function))
        {
            foreach (var (function, size) in group)
            {
                // Warm first: the process's code starts unoptimised (tiered JIT), and the managers' runs come later,
                // in a warmer process; a cold baseline would make every later run look faster than alone.
                for (var run = 0; run < options.WarmupRuns; run++)
                {
                    await InvokeAsync(cluster, specs[function].Name, suite[function].InputOfSize(size), cancellationToken);
                }

                var times = new List<double>();
                for (var run = 0; run < options.AloneRuns; run++)
                {
                    var record = await InvokeAsync(cluster, specs[function].Name, suite[function].InputOfSize(size), cancellationToken);
                    if (record.IsSuccess)
                    {
                        times.Add(record.ExecutionMs);
                    }
                }

                alone[(function, size)] = times.Count == 0 ? double.NaN : times.Order().ElementAt(times.Count / 2);
            }
        }

        return alone;
    }

    private static Task<InvocationRecord> InvokeAsync(ExperimentCluster cluster, string function, object input, CancellationToken cancellationToken) =>
        cluster.Client.InvokeAsync(function, FunctionPayload.FromJson(input), cancellationToken: cancellationToken);

    private static Task<ExperimentCluster> StartAsync(LiveResourcesOptions options, string resourcePolicy, SuiteFunction[] suite, FunctionSpec[] specs, string packages, CancellationToken cancellationToken)
    {
        var scenario = new ClusterScenario("regular", [.. Enumerable.Range(0, options.Vms).Select(i => new VmSetup($"vm{i}", options.CoresPerVm, VmRole.Regular))]);
        return ExperimentCluster.StartAsync(scenario, options.Balancing, PolicyMode.Default, resourcePolicy, packages, basePort: 0, LogLevel.Critical, cancellationToken, harvest =>
        {
            for (var i = 0; i < specs.Length; i++)
            {
                var create = suite[i].Create;
                harvest.AddFunction(specs[i], _ => create());
            }

            if (options.WeightsPath is { } weights)
            {
                harvest.ConfigureResources(o => o.FreyrWeightsPath = weights);
            }
        });
    }

    private static async Task<IReadOnlyList<CompletedInvocation>> Send(
        ExperimentCluster cluster, IReadOnlyList<LiveInvocation> plan, FunctionSpec[] specs, SuiteFunction[] suite, Action<double> progress, CancellationToken cancellationToken)
    {
        var byPlanned = new Dictionary<PlannedInvocation, LiveInvocation>(ReferenceEqualityComparer.Instance);
        var planned = plan.Select(p =>
        {
            var at = new PlannedInvocation(p.AtSeconds, specs[p.Function].Name, 0);
            byPlanned[at] = p;
            return at;
        }).ToArray();
        return await OpenLoopDriver.RunAsync(cluster.Client, planned, p => (p.TraceFunction, suite[byPlanned[p].Function].InputOfSize(byPlanned[p].Size)), progress, cancellationToken);
    }

    private static SimulationResult Result(
        string policy, IReadOnlyList<CompletedInvocation> completed, IReadOnlyList<LiveInvocation> plan, FunctionSpec[] specs, Dictionary<(int, double), double> alone, double seconds)
    {
        var stats = new SimulationStats(specs.Length);
        var functionOf = specs.Select((s, i) => (s.Name, i)).ToDictionary(f => f.Name, f => f.i, StringComparer.Ordinal);
        // The driver's records come back in send order, as the plan is; each is matched to its planned size by order per function.
        var sizes = plan.GroupBy(p => p.Function).ToDictionary(g => g.Key, g => new Queue<double>(g.Select(p => p.Size)));
        var vms = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (sentAt, r) in completed)
        {
            var function = functionOf[r.Function];
            var size = sizes[function].Dequeue();
            var vm = r.VmId is null ? -1 : vms.TryGetValue(r.VmId, out var index) ? index : vms[r.VmId] = vms.Count;
            stats.Add(ToSimRecord(sentAt, r, alone.GetValueOrDefault((function, size), double.NaN)), function, vm);
        }

        var cost = new CostSummary(new Dictionary<VmKind, double>(), new Dictionary<VmKind, double>(), seconds / 3600, stats.Succeeded);
        return new SimulationResult(policy, seconds, stats, cost, [], 0, seconds, 0, 0, 0, 0);
    }

    /// <summary>A live record as the simulator's statistics count it, with its slowdown against <paramref name="aloneMs"/>.</summary>
    public static SimRecord ToSimRecord(double sentAtSeconds, InvocationRecord r, double aloneMs) =>
        new(0, r.Function, r.VmId, sentAtSeconds, StatusOf(r.Status), r.Error?.Type, r.LatencyMs, r.QueueWaitMs, r.InitMs, r.ExecutionMs, r.CpuSeconds, r.ColdStart, r.Overload, r.Attempts)
        {
            AllocatedCores = r.AllocatedCores,
            AllocatedMemoryMb = r.AllocatedMemoryMb,
            ConfiguredCores = r.ConfiguredCores,
            ConfiguredMemoryMb = r.ConfiguredMemoryMb,
            Slowdown = r.IsSuccess && aloneMs > 0 ? (r.QueueWaitMs + r.ExecutionMs) / aloneMs : double.NaN,
        };

    private static SimStatus StatusOf(InvocationStatus status) =>
        Enum.TryParse<SimStatus>(status.ToString(), out var simulated) ? simulated : SimStatus.Rejected; // NotFound and the like: turned away
}

/// <summary>One invocation of the live run: when it is sent (s from the start), which workload function, its input size.</summary>
public sealed record LiveInvocation(double AtSeconds, int Function, double Size);
