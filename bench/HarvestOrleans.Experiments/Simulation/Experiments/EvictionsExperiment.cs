using System.Diagnostics;
using HarvestOrleans.Experiments.Comparison;
using HarvestOrleans.Simulation;
using HarvestOrleans.Simulation.Inputs;
using HarvestOrleans.Simulation.Workloads;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>
/// A day under evictions (<see cref="EvictionsOptions"/>): for each lifetime (the paper's, and the stress one) and each
/// eviction policy, the day is run on the starting cluster, then on more regular VMs until failures
/// other than evictions' meet the SLO (<see cref="Search"/>): the regular VMs a policy needs are its cost. Harvest VMs and their evictions are
/// the same in every run of a lifetime (the same seed; regular VMs draw nothing), so policies differ only by their rules.
/// </summary>
public static class EvictionsExperiment
{
    public static string TaskName(string policy, double lifetimeDays) => $"{policy,-15} lifetime {lifetimeDays:0.##} d";

    public static IReadOnlyList<double> Lifetimes(EvictionsOptions options) =>
        options.StressLifetimeDays is { } stress && stress != options.Evictions.MeanLifetimeDays
            ? [options.Evictions.MeanLifetimeDays, stress]
            : [options.Evictions.MeanLifetimeDays];

    public static IReadOnlyList<string> Tasks(EvictionsOptions options) =>
        [.. Lifetimes(options).SelectMany(l => options.Policies.Select(p => TaskName(p, l)))];

    public static EvictionsResult Run(EvictionsOptions options, Action<string, double>? progress = null)
    {
        var wall = Stopwatch.StartNew();
        var mix = LongFunction.WithMix(options.WorkScale, options.LongShare);
        var folder = Path.Combine(options.HarvestTraces ?? Path.Combine(ComparisonRunner.RepoRoot(), "samples", "traces", "harvest"), options.Trace);
        var hours = options.Duration.TotalHours;
        var harvest = SimClusters.Harvest(options.HarvestVms, folder, hours, PriceList.Default, options.Seed);
        var cells = Lifetimes(options).SelectMany(l => options.Policies.Select(p => (policy: p, lifetime: l))).ToArray();
        var policies = ParallelRuns.Map(cells, options.Parallelism, cell =>
        {
            var evictions = options.Evictions with { MeanLifetimeDays = cell.lifetime };
            var task = TaskName(cell.policy, cell.lifetime);
            var runs = new SortedDictionary<int, EvictionsRun>();
            EvictionsRun RunWith(int regular)
            {
                if (!runs.TryGetValue(regular, out var run))
                {
                    var done = runs.Count;
                    var vms = evictions.Apply([.. SimClusters.Regular(regular, options.RegularCores, PriceList.Default), .. harvest], hours, options.Seed);
                    run = RunDay(cell.policy, cell.lifetime, regular, vms, mix, options, f => progress?.Invoke(task, 1 - Math.Pow(0.5, done + f)));
                    runs[regular] = run;
                }

                return run;
            }

            bool Meets(int regular) => RunWith(regular).OtherFailurePct <= options.SloFailurePct;

            var chosen = Search(Meets, options.RegularVms, Math.Max(options.RegularVms, options.MaxRegularVms), EstimateRegularVms(mix, options));
            return new EvictionsPolicy(cell.policy, cell.lifetime, runs[chosen], [.. runs.Values], Meets(chosen));
        });

        return new EvictionsResult(options, mix, policies, wall.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The fewest regular VMs in [<paramref name="min"/>, <paramref name="max"/>] that meet the SLO, assuming more never
    /// hurt: the starting cluster first (a policy that keeps long work on Harvest VMs needs no more); if it fails, from
    /// <paramref name="estimate"/> down while the SLO still holds, or up until it does. Returns <paramref name="max"/>
    /// when nothing meets it.
    /// </summary>
    public static int Search(Func<int, bool> meets, int min, int max, int estimate)
    {
        if (meets(min) || min >= max)
        {
            return min;
        }

        var n = Math.Clamp(estimate, min + 1, max);
        if (meets(n))
        {
            while (n - 1 > min && meets(n - 1))
            {
                n--;
            }

            return n;
        }

        while (n < max)
        {
            if (meets(++n))
            {
                return n;
            }
        }

        return n;
    }

    /// <summary>
    /// Where the search starts when long work must move to regular VMs: the cores the long invocations keep busy (the
    /// closed loop's offered cores × their share of the execution time) in regular VMs.
    /// </summary>
    public static int EstimateRegularVms(WeightedFunctions mix, EvictionsOptions options) =>
        (int)Math.Ceiling(mix.OfferedCores(options.Users, options.ThinkSeconds) * LongFunction.ExecutionShare(mix) / options.RegularCores);

    private static EvictionsRun RunDay(string policy, double lifetime, int regular, IReadOnlyList<SimVmSpec> vms, WeightedFunctions mix, EvictionsOptions options, Action<double> progress)
    {
        var harvestIds = vms.Where(v => !v.IsRegular).Select(v => v.VmId).ToHashSet(StringComparer.Ordinal);
        var tally = new RecordTally(LongFunction.NAME, harvestIds);
        var simulation = new Simulator(
            LiveDefaults.For(options.BalancingPolicy, options.Mode, evictionPolicy: policy, seed: options.Seed),
            vms,
            mix.Functions,
            new ClosedLoopWorkload(options.Users, options.ThinkSeconds, mix.Weights),
            tally.Add);
        var result = simulation.Run(options.Duration, progress);
        return new EvictionsRun(policy, lifetime, regular, vms, result, tally);
    }
}
