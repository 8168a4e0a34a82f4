using System.Diagnostics;
using HarvestOrleans.Experiments.Comparison;
using HarvestOrleans.Grains.Harvest;
using HarvestOrleans.Simulation;
using HarvestOrleans.Simulation.Inputs;
using HarvestOrleans.Simulation.Output;
using HarvestOrleans.Simulation.Workloads;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>
/// Throughput at equal budget and cost at equal throughput (<see cref="BudgetOptions"/>). Throughput is measured with a
/// saturating closed loop (<see cref="BudgetOptions.UsersPerCore"/> users per core, no think time): what a cluster
/// completes when it always has work. Harvest VMs are billed for the cores they have at each moment at the discounted
/// price (<see cref="CostModel"/>), from their join to their loss; an evicted VM is replaced after the model's delay.
/// At budget: the most Harvest VMs whose cost per hour stays within the regular cluster's. At equal throughput: the
/// fewest Harvest VMs (the same VMs, a prefix of one seeded pool) whose throughput reaches the regular cluster's.
/// </summary>
public static class BudgetExperiment
{
    /// <summary>The progress task of the regular cluster.</summary>
    public const string REGULAR_TASK = "regular VMs at list price";

    /// <summary>The progress task of one discount.</summary>
    public static string TaskName(double discount) => $"harvest VMs at {Pct(discount)} off";

    public static IReadOnlyList<string> Tasks(BudgetOptions options) => [REGULAR_TASK, .. options.Discounts.Select(TaskName)];

    public static BudgetResult Run(BudgetOptions options, Action<string, double>? progress = null)
    {
        var wall = Stopwatch.StartNew();
        var mix = PaperWorkload.Mix(options.WorkScale);
        var folder = Path.Combine(options.HarvestTraces ?? Path.Combine(ComparisonRunner.RepoRoot(), "samples", "traces", "harvest"), options.Trace);
        var hours = options.Duration.TotalHours;
        var regularPrices = new PriceList(options.RegularPerCoreHour, 0);
        var regularVms = SimClusters.Regular(options.RegularVms, options.RegularCores, regularPrices);
        var budget = CostPerHour(regularVms, hours);
        var nominal = HarvestTracesMaxCores(folder);

        // First the regular cluster and each discount's cluster at budget, side by side; then the searches, which need
        // the regular cluster's throughput.
        var runsDone = new int[options.Discounts.Count];
        void Report(string task, int index, double fraction)
        {
            var done = index < 0 ? 0 : Volatile.Read(ref runsDone[index]);
            progress?.Invoke(task, index < 0 ? fraction : 1 - Math.Pow(0.5, done + fraction));
        }

        var pools = options.Discounts.Select(d => Pool(folder, hours, budget, new PriceList(options.RegularPerCoreHour, d), options)).ToArray();
        var first = ParallelRuns.Map([-1, .. Enumerable.Range(0, options.Discounts.Count)], options.Parallelism, i =>
        {
            if (i < 0)
            {
                return Saturate("regular", regularVms, mix, options, f => Report(REGULAR_TASK, -1, f));
            }

            var vms = AtBudget(pools[i], budget, hours, options);
            var run = Saturate($"{Pct(options.Discounts[i])} off at budget", vms, mix, options, f => Report(TaskName(options.Discounts[i]), i, f));
            Interlocked.Increment(ref runsDone[i]);
            return run;
        });
        var regular = first[0];
        var discounts = ParallelRuns.Map([.. Enumerable.Range(0, options.Discounts.Count)], options.Parallelism, i =>
        {
            var atBudget = first[i + 1];
            var runs = new Dictionary<int, BudgetRun> { [atBudget.InitialVms] = atBudget };
            BudgetRun RunWith(int n)
            {
                if (!runs.TryGetValue(n, out var run))
                {
                    var vms = options.Evictions.Apply([.. pools[i].Take(n)], hours, options.Seed);
                    run = Saturate($"{Pct(options.Discounts[i])} off with {n} VMs", vms, mix, options, f => Report(TaskName(options.Discounts[i]), i, f));
                    runs[n] = run;
                    Interlocked.Increment(ref runsDone[i]);
                }

                return run;
            }

            var match = EqualThroughput(RunWith, atBudget, regular.Throughput, pools[i].Count);
            return new BudgetDiscount(options.Discounts[i], atBudget, match, [.. runs.Values.OrderBy(r => r.InitialVms)], nominal);
        });

        return new BudgetResult(options, mix, regular, discounts, wall.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The fewest VMs whose throughput reaches <paramref name="target"/>: throughput grows about linearly with VMs, so
    /// the search starts at the at-budget cluster scaled to the target and steps from there.
    /// </summary>
    private static BudgetRun EqualThroughput(Func<int, BudgetRun> runWith, BudgetRun atBudget, double target, int maxVms)
    {
        var n = Math.Clamp((int)Math.Ceiling(atBudget.InitialVms * target / Math.Max(atBudget.Throughput, 1e-9)), 1, maxVms);
        var run = runWith(n);
        if (run.Throughput >= target)
        {
            while (n > 1 && runWith(n - 1) is { } fewer && fewer.Throughput >= target)
            {
                (n, run) = (n - 1, fewer);
            }

            return run;
        }

        while (run.Throughput < target && n < maxVms)
        {
            run = runWith(++n);
        }

        return run;
    }

    /// <summary>A saturating closed loop on <paramref name="vms"/>: users in proportion to the cluster's mean cores, no think time.</summary>
    private static BudgetRun Saturate(string label, IReadOnlyList<SimVmSpec> vms, WeightedFunctions mix, BudgetOptions options, Action<double> progress)
    {
        var seconds = options.Duration.TotalSeconds;
        var meanCores = vms.Sum(v => CostModel.CoreHours(v, seconds)) * 3600 / seconds;
        var users = Math.Max(1, (int)Math.Ceiling(options.UsersPerCore * meanCores));
        var simulation = new Simulator(LiveDefaults.For(options.Policy, options.Mode, seed: options.Seed), vms, mix.Functions, new ClosedLoopWorkload(users, 0, mix.Weights));
        return new BudgetRun(label, vms, users, simulation.Run(options.Duration, progress));
    }

    /// <summary>
    /// A seeded pool of Harvest VMs replaying the traces, comfortably more than the budget buys; every cluster of a
    /// discount is a prefix of it, so a larger cluster is the smaller one plus VMs.
    /// </summary>
    private static IReadOnlyList<SimVmSpec> Pool(string folder, double hours, double budget, PriceList prices, BudgetOptions options)
    {
        var meanCores = Directory.GetFiles(folder).Select(HarvestTrace.Load).Average(t => t.Steps.Average(s => s.Cores));
        var count = (int)Math.Ceiling(4 * budget / (prices.PerCoreHour(VmKind.Harvest) * Math.Max(1, meanCores)));
        return SimClusters.Harvest(count, folder, hours, prices, options.Seed);
    }

    /// <summary>The most VMs of the pool (with their evictions and replacements) whose cost per hour is within the budget.</summary>
    private static IReadOnlyList<SimVmSpec> AtBudget(IReadOnlyList<SimVmSpec> pool, double budget, double hours, BudgetOptions options)
    {
        var fits = options.Evictions.Apply([.. pool.Take(1)], hours, options.Seed);
        for (var n = 2; n <= pool.Count; n++)
        {
            var vms = options.Evictions.Apply([.. pool.Take(n)], hours, options.Seed);
            if (CostPerHour(vms, hours) > budget)
            {
                break;
            }

            fits = vms;
        }

        return fits;
    }

    /// <summary>A discount as a label: "48%" (no separator, so a label is one CSV field).</summary>
    private static string Pct(double discount) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{100 * discount:0.#}%");

    private static double CostPerHour(IEnumerable<SimVmSpec> vms, double hours) => vms.Sum(v => CostModel.Cost(v, hours * 3600)) / hours;

    /// <summary>Mean over the trace files of each one's largest size: the nominal size of a Harvest VM.</summary>
    private static double HarvestTracesMaxCores(string folder) =>
        Directory.GetFiles(folder).Select(HarvestTrace.Load).Average(t => t.Steps.Max(s => s.Cores));
}
