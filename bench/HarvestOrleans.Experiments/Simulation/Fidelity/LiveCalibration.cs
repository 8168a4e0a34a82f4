using HarvestOrleans.Experiments.Comparison;
using HarvestOrleans.Invocations;
using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.Experiments.Simulation.Fidelity;

/// <summary>
/// Calibrates the simulator from a live cell's own records, so that a fidelity check compares the policies' decisions
/// and not two machines. Every VM of the live cluster shares this machine's two cores, so how much slower than alone
/// (<c>functionbench.json</c>) a function runs depends on what the machine does at that moment (a process's first
/// cluster runs slower while the JIT warms), not on where a policy put it: hence a calibration per cell. Only costs
/// are taken from the records; nothing the policies decide (where an invocation ran, whether it started an instance).
/// </summary>
public static class LiveCalibration
{
    /// <summary>The quantiles of each function's measured execution times that the simulator samples between.</summary>
    private static readonly double[] Percentiles = [0, 1, 5, 10, 25, 50, 75, 90, 95, 99, 100];

    /// <summary>
    /// Per suite function (every deployed function running its code pooled):
    /// <list type="bullet">
    /// <item>execution: the distribution of its warm successful invocations' execution times;</item>
    /// <item>cold start: the median, over its cold starts, of initialisation plus the first execution's excess over the
    /// warm median (a new instance's first run is slower: code not yet jitted, caches cold), so the simulator's cold
    /// start costs what a live one adds to an invocation;</item>
    /// <item>cores used: the mean measured cores of its invocations.</item>
    /// </list>
    /// Declared cores, memory and limits stay those of <paramref name="measured"/>, as do the costs of a function the cell
    /// has no records of. The hop is half the median of what a record's latency holds beyond queueing, initialisation and
    /// execution (a warm invocation's path is two messages: to the VM and back).
    /// </summary>
    /// <param name="cell">One live cell.</param>
    /// <param name="codeOf">Deployed function name → the suite function whose code it runs (absent: its own name).</param>
    /// <param name="measured">The checked-in measurements.</param>
    public static SimCalibration From(CellResult cell, IReadOnlyDictionary<string, string> codeOf, SimCalibration measured)
    {
        var succeeded = cell.Invocations.Select(i => i.Record).Where(r => r.Status == InvocationStatus.Succeeded).ToList();
        var costs = new Dictionary<string, SimFunctionSpec>(measured.Costs, StringComparer.Ordinal);
        foreach (var byCode in succeeded.GroupBy(r => codeOf.GetValueOrDefault(r.Function, r.Function), StringComparer.Ordinal))
        {
            if (!costs.TryGetValue(byCode.Key, out var spec))
            {
                continue;
            }

            var warm = byCode.Where(r => !r.ColdStart).Select(r => r.ExecutionMs).Order().ToArray();
            var execution = warm.Length > 0 ? new PercentileDistribution(Percentiles.Select(p => (p, Quantile(warm, p / 100)))) : spec.ExecutionMs;
            var coldCosts = byCode.Where(r => r.ColdStart).Select(r => Math.Max(0, r.InitMs + r.ExecutionMs - execution.Median)).Order().ToArray();
            costs[byCode.Key] = spec with
            {
                ExecutionMs = execution,
                ColdStartMs = coldCosts.Length > 0 ? Quantile(coldCosts, 0.5) : spec.ColdStartMs,
                UsedCores = byCode.Average(r => r.AverageCores) is var used && used > 0 ? used : spec.UsedCores,
            };
        }

        var overheads = succeeded.Select(r => Math.Max(0, r.LatencyMs - r.QueueWaitMs - r.InitMs - r.ExecutionMs)).Order().ToArray();
        return new SimCalibration(costs, overheads.Length > 0 ? Quantile(overheads, 0.5) / 2 : measured.NetworkHopMs);
    }

    /// <summary>The nearest-rank quantile <paramref name="q"/> in [0, 1] of sorted <paramref name="sorted"/>.</summary>
    private static double Quantile(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
