using System.Diagnostics;
using HarvestOrleans.Experiments.Comparison;
using HarvestOrleans.Simulation;
using HarvestOrleans.Simulation.Inputs;
using HarvestOrleans.Simulation.Workloads;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>
/// The paper's balancing experiment in the simulator (<see cref="BalancersOptions"/>): for every trace's cluster, policy
/// and user count, one closed-loop run of the paper's mix. The dedicated trace's VMs are regular VMs at list price; the
/// active and normal traces' are Harvest VMs at the default harvest price (no evictions: the paper's balancing runs
/// have none). Every point of a trace runs on the same cluster, and every policy at a user count sees the same seed.
/// </summary>
public static class BalancersExperiment
{
    /// <summary>The progress task of one trace and policy (a task covers its user counts).</summary>
    public static string TaskName(string trace, string policy) => $"{trace,-9} {policy}";

    /// <summary>Every progress task of a run, in the order they finish.</summary>
    public static IReadOnlyList<string> Tasks(BalancersOptions options) =>
        [.. options.Traces.SelectMany(t => options.Policies.Select(p => TaskName(t, p)))];

    /// <param name="progress">Called with a task's name and the fraction of its simulated time done.</param>
    public static BalancersResult Run(BalancersOptions options, Action<string, double>? progress = null)
    {
        var wall = Stopwatch.StartNew();
        var mix = PaperWorkload.Mix(options.WorkScale);
        var folder = options.HarvestTraces ?? Path.Combine(ComparisonRunner.RepoRoot(), "samples", "traces", "harvest");
        var clusters = options.Traces.Select(t => Cluster(t, folder, options)).ToArray();
        var cells = (from cluster in clusters from policy in options.Policies from users in options.Users select (cluster, policy, users))
            .Select((c, i) => (c.cluster, c.policy, c.users, index: i)).ToArray();

        // A task's progress: its points' simulated time, each weighted by its users (work grows with them).
        var fractions = new double[cells.Length];
        var totalUsers = (double)options.Users.Sum();
        void Report(string task, int index, double fraction)
        {
            if (progress is null)
            {
                return;
            }

            double value;
            lock (fractions)
            {
                fractions[index] = fraction;
                value = cells.Where(c => TaskName(c.cluster.Trace, c.policy) == task).Sum(c => fractions[c.index] * c.users) / totalUsers;
            }

            progress(task, value);
        }

        var points = ParallelRuns.Map(cells, options.Parallelism, cell =>
        {
            var task = TaskName(cell.cluster.Trace, cell.policy);
            var simulation = new Simulator(
                LiveDefaults.For(cell.policy, options.Mode, seed: options.Seed),
                cell.cluster.Vms,
                mix.Functions,
                new ClosedLoopWorkload(cell.users, options.ThinkSeconds, mix.Weights));
            var result = simulation.Run(options.Duration, fraction => Report(task, cell.index, fraction));
            return new BalancersPoint(cell.cluster.Trace, cell.policy, cell.users, result);
        });

        return new BalancersResult(options, mix, clusters, points, wall.Elapsed.TotalSeconds);
    }

    /// <summary>A trace's cluster: <see cref="BalancersOptions.Vms"/> VMs replaying its files, cores and time as they are.</summary>
    public static BalancersCluster Cluster(string trace, string folder, BalancersOptions options)
    {
        var seconds = options.Duration.TotalSeconds;
        var vms = SimClusters.Harvest(options.Vms, Path.Combine(folder, trace), seconds / 3600, PriceList.Default, options.Seed, prefix: trace);
        if (trace == "dedicated")
        {
            // The dedicated trace is the paper's regular VMs (constant 16 cores), at list price.
            vms = [.. vms.Select(v => v with { Kind = VmKind.Regular, PricePerCoreHour = PriceList.Default.PerCoreHour(VmKind.Regular) })];
        }

        return new BalancersCluster(trace, vms, seconds);
    }
}
