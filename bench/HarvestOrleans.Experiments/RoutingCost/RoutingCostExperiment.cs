using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HarvestOrleans.Policies;
using Spectre.Console;

namespace HarvestOrleans.Experiments.RoutingCost;

/// <summary>
/// What one routing decision costs against cluster size (issue 15, item 6): each balancing policy's <c>Plan</c> (what
/// a FunctionGrain does per load report or lease) and <c>Pick</c> (what a caller does per invocation) on synthetic
/// clusters of 10 to 10,000 VMs, the same policy code the silos run. Every VM has <see cref="VM_CORES"/> cores and a
/// seeded random load; every function needs <see cref="REQUIRED_CORES"/> cores, so Min-Worker-Set's set stays a few VMs
/// whatever the cluster's size. Times are medians over rounds of per-call means, so one slow round (GC, a noisy
/// neighbour) does not move them; the baseline each row is read against is the same policy at the smallest size.
/// </summary>
public static class RoutingCostExperiment
{
    /// <summary>Each VM's cores.</summary>
    public const double VM_CORES = 8;

    /// <summary>Each VM's memory, MB.</summary>
    public const double VM_MEMORY_MB = 16_384;

    /// <summary>rps × execution time × cores of every function: a few VMs' headroom.</summary>
    public const double REQUIRED_CORES = 5;

    /// <summary>Functions planned and picked for in a round (different homes on the ring).</summary>
    public const int FUNCTIONS = 64;

    /// <summary>Rounds per cell; the median round is reported.</summary>
    public const int ROUNDS = 7;

    /// <summary>Cluster sizes by default.</summary>
    public static readonly IReadOnlyList<int> DefaultSizes = [10, 100, 1_000, 10_000];

    public static RoutingCostReport Run(IReadOnlyList<int> sizes, PolicyMode mode, TimeSpan roundBudget)
    {
        var policies = new BalancingPolicies();
        var settings = BalancingPolicySettings.Default with { Mode = mode };
        var rows = new List<RoutingCostRow>();
        foreach (var name in policies.Names)
        {
            var policy = policies.Get(name);
            foreach (var size in sizes)
            {
                rows.Add(Measure(policy, size, settings, roundBudget));
            }
        }

        var report = new RoutingCostReport(mode, rows);
        Print(report, sizes.Min());
        return report;
    }

    private static RoutingCostRow Measure(IBalancingPolicy policy, int size, BalancingPolicySettings settings, TimeSpan roundBudget)
    {
        var random = new Random(size);
        var cluster = Enumerable.Range(0, size)
            .Select(i => new VmView(
                $"vm-{i.ToString("D5", CultureInfo.InvariantCulture)}",
                VM_CORES,
                VM_MEMORY_MB,
                CpuUsage: random.NextDouble() * VM_CORES / 2,
                MemoryUsage: random.NextDouble() * VM_MEMORY_MB / 4,
                MeasuredCpuUsage: random.NextDouble() * VM_CORES / 2))
            .ToArray();
        var demands = Enumerable.Range(0, FUNCTIONS)
            .Select(i => new FunctionDemand($"fn-{i}", Rps: REQUIRED_CORES / 0.1, ExecutionSeconds: 0.1, CoresPerInvocation: 1, MemoryMb: 256) { CpuLimit = 1 })
            .ToArray();
        var sets = demands.Select(_ => new WorkerSetState()).ToArray();
        var plans = new RoutePlan[FUNCTIONS];
        var ledger = new ReservationLedger();
        var pickRandom = new Random(1);

        var planNs = Rounds(roundBudget, () =>
        {
            for (var f = 0; f < FUNCTIONS; f++)
            {
                plans[f] = policy.Plan(demands[f], sets[f], cluster, settings, nowMs: 0);
            }

            return FUNCTIONS;
        });
        var pickNs = Rounds(roundBudget, () =>
        {
            var picks = 0;
            for (var repeat = 0; repeat < 16; repeat++)
            {
                for (var f = 0; f < FUNCTIONS; f++, picks++)
                {
                    _ = policy.Pick(plans[f], ledger, pickRandom);
                }
            }

            return picks;
        });

        return new RoutingCostRow(
            policy.Name,
            size,
            planNs / 1000,
            pickNs / 1000,
            plans.Average(p => p.WorkerSet.Count),
            plans.Average(p => p.Candidates.Count + p.Overflow.Count));
    }

    /// <summary>Median over <see cref="ROUNDS"/> rounds of ns per call; each round repeats the batch for about the budget.</summary>
    private static double Rounds(TimeSpan roundBudget, Func<int> batch)
    {
        batch(); // JIT and first-touch allocations outside the figures
        var perCall = new double[ROUNDS];
        for (var r = 0; r < ROUNDS; r++)
        {
            var calls = 0L;
            var watch = Stopwatch.StartNew();
            do
            {
                calls += batch();
            }
            while (watch.Elapsed < roundBudget);
            perCall[r] = watch.Elapsed.TotalNanoseconds / calls;
        }

        Array.Sort(perCall);
        return perCall[ROUNDS / 2];
    }

    private static string Relative(double value, double baseline, string format) =>
        string.Create(CultureInfo.InvariantCulture, $"{value.ToString(format, CultureInfo.InvariantCulture)} ({value / baseline:0.0}x)");

    private static void Print(RoutingCostReport report, int baselineSize)
    {
        var table = new Table().Title($"Routing cost per decision ({report.Mode} mode), medians of {ROUNDS} rounds");
        table.Caption($"(×: against the same policy at {baselineSize} VMs; set: worker-set size; plan VMs: VMs a plan, so a route lease, carries)");
        foreach (var column in new[] { "policy", "VMs", "plan µs (×)", "pick µs (×)", "set", "plan VMs" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var row in report.Rows)
        {
            var baseline = report.Rows.Single(r => r.Policy == row.Policy && r.Vms == baselineSize);
            table.AddRow(
                row.Policy,
                row.Vms.ToString("N0", CultureInfo.InvariantCulture),
                Relative(row.PlanMicroseconds, baseline.PlanMicroseconds, "0.0"),
                Relative(row.PickMicroseconds, baseline.PickMicroseconds, "0.000"),
                row.WorkerSet.ToString("0.0", CultureInfo.InvariantCulture),
                row.PlanVms.ToString("0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "routing-cost",
            mode = report.Mode.ToString(),
            functions = FUNCTIONS,
            rows = report.Rows.Select(r => new
            {
                policy = r.Policy,
                vms = r.Vms,
                planUs = Math.Round(r.PlanMicroseconds, 3),
                pickUs = Math.Round(r.PickMicroseconds, 4),
                workerSet = Math.Round(r.WorkerSet, 2),
                planVms = Math.Round(r.PlanVms, 1),
            }),
        }));
    }
}

/// <summary>The figures of one <see cref="RoutingCostExperiment"/> run.</summary>
public sealed record RoutingCostReport(PolicyMode Mode, IReadOnlyList<RoutingCostRow> Rows);

/// <summary>One policy at one cluster size.</summary>
/// <param name="Policy">The balancing policy.</param>
/// <param name="Vms">VMs in the cluster.</param>
/// <param name="PlanMicroseconds">Median time of one Plan.</param>
/// <param name="PickMicroseconds">Median time of one Pick.</param>
/// <param name="WorkerSet">Mean worker-set size over the functions.</param>
/// <param name="PlanVms">Mean VMs a plan carries (candidates and overflow): what a route lease ships.</param>
public sealed record RoutingCostRow(string Policy, int Vms, double PlanMicroseconds, double PickMicroseconds, double WorkerSet, double PlanVms);
