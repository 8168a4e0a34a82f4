using HarvestOrleans.Experiments.Scenarios;
using HarvestOrleans.Grains.Harvest;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.Experiments.Simulation;

/// <summary>Simulated clusters: the comparison's scenarios, fixed regular VMs, and harvest VMs replaying trace files.</summary>
public static class SimClusters
{
    /// <summary>The VMs of a comparison scenario, as the live comparison starts them (same cores, traces and time scale).</summary>
    public static IReadOnlyList<SimVmSpec> FromScenario(ClusterScenario scenario, PriceList prices) =>
        [.. scenario.Vms.Select(vm =>
        {
            var kind = vm.Role == HarvestOrleans.Cluster.VmRole.Regular ? VmKind.Regular : VmKind.Harvest;
            var steps = vm.TracePath is null
                ? [new CoreStep(0, vm.Cores)]
                : HarvestTrace.Load(vm.TracePath).Steps.Select(s => new CoreStep(s.AtSeconds / scenario.TraceTimeScale, s.Cores)).ToArray();
            return new SimVmSpec(vm.VmId, kind, HarvestVmOptions.DEFAULT_MEMORY_MB, steps, prices.PerCoreHour(kind));
        })];

    /// <summary><paramref name="count"/> regular VMs of <paramref name="cores"/> cores each.</summary>
    public static IReadOnlyList<SimVmSpec> Regular(int count, double cores, PriceList prices, string prefix = "reg", double memoryMb = 4 * HarvestVmOptions.DEFAULT_MEMORY_MB) =>
        [.. Enumerable.Range(0, count).Select(i => new SimVmSpec($"{prefix}-{i}", VmKind.Regular, memoryMb, [new CoreStep(0, cores)], prices.PerCoreHour(VmKind.Regular)))];

    /// <summary>
    /// <paramref name="count"/> Harvest VMs, each replaying one of the trace files of <paramref name="traceFolder"/> in
    /// turn (cores × <paramref name="coreScale"/>, at least 1), looped over <paramref name="hours"/> and started at a
    /// random offset so VMs sharing a file do not change cores in step.
    /// </summary>
    public static IReadOnlyList<SimVmSpec> Harvest(int count, string traceFolder, double hours, PriceList prices, int seed, double coreScale = 1, double timeScale = 1, string prefix = "hv", double memoryMb = 4 * HarvestVmOptions.DEFAULT_MEMORY_MB)
    {
        var files = Directory.Exists(traceFolder) ? Directory.GetFiles(traceFolder).Order(StringComparer.Ordinal).ToArray() : [];
        if (files.Length == 0)
        {
            throw new DirectoryNotFoundException($"No harvest trace files in {Path.GetFullPath(traceFolder)}.");
        }

        var traces = files.Select(HarvestTrace.Load).ToArray();
        var random = new Random(seed);
        var horizon = hours * 3600;
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var trace = traces[i % traces.Length];
            var length = Math.Max(1, trace.Steps[^1].AtSeconds / timeScale + 60);
            var offset = random.NextDouble() * length;
            return new SimVmSpec($"{prefix}-{i}", VmKind.Harvest, memoryMb, Looped(trace, length, offset, horizon, coreScale, timeScale), prices.PerCoreHour(VmKind.Harvest));
        })];
    }

    private static CoreStep[] Looped(HarvestTrace trace, double length, double offset, double horizon, double coreScale, double timeScale)
    {
        var steps = new List<CoreStep>();
        for (var loop = -1; (loop * length) - offset < horizon; loop++)
        {
            foreach (var step in trace.Steps)
            {
                var at = (loop * length) + (step.AtSeconds / timeScale) - offset;
                if (at >= horizon)
                {
                    break;
                }

                var cores = Math.Max(1, Math.Round(step.Cores * coreScale));
                if (at <= 0)
                {
                    steps.Clear(); // the latest step at or before the start gives the starting cores
                    steps.Add(new CoreStep(0, cores));
                }
                else if (steps.Count == 0 || steps[^1].Cores != cores)
                {
                    steps.Add(new CoreStep(at, cores));
                }
            }
        }

        return steps.Count == 0 ? [new CoreStep(0, Math.Max(1, Math.Round(trace.Steps[0].Cores * coreScale)))] : [.. steps];
    }
}
