using HarvestOrleans.Policies;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>The balancing experiment's points, its clusters and workload, and the goals checked on them.</summary>
public sealed record BalancersResult(BalancersOptions Options, WeightedFunctions Mix, IReadOnlyList<BalancersCluster> Clusters, IReadOnlyList<BalancersPoint> Points, double WallSeconds)
{
    /// <summary>The bound of MWS's cold-start rate against JSQ's (issue: ≤ 0.3x).</summary>
    public const double COLD_START_BOUND = 0.3;

    /// <summary>The bound of MWS's p99 against hashing's on the active trace at high load (issue: ≤ 0.5x).</summary>
    public const double P99_BOUND = 0.5;

    public BalancersPoint? Find(string trace, string policy, int users) =>
        Points.FirstOrDefault(p => p.Trace == trace && p.Policy == policy && p.Users == users);

    /// <summary>
    /// A policy's cold-start rate on a trace over every user count together (cold starts / invocations that ran, pooled):
    /// the rate of the whole experiment on that cluster, which a few cold starts at low load do not swing.
    /// </summary>
    public double PooledColdStartPct(string trace, string policy)
    {
        var points = Points.Where(p => p.Trace == trace && p.Policy == policy).ToArray();
        var ran = points.Sum(p => p.Result.Stats.Ran);
        return ran == 0 ? double.NaN : 100.0 * points.Sum(p => p.Result.Stats.ColdStarts) / ran;
    }

    /// <summary>MWS's over JSQ's cold-start rate on a trace at a user count (pooled over users when null).</summary>
    public double ColdStartRatio(string trace, int? users = null) => users is { } n
        ? Ratio(Find(trace, BalancingPolicyNames.MinWorkerSet, n)?.ColdStartPct, Find(trace, BalancingPolicyNames.JoinShortestQueue, n)?.ColdStartPct)
        : Ratio(PooledColdStartPct(trace, BalancingPolicyNames.MinWorkerSet), PooledColdStartPct(trace, BalancingPolicyNames.JoinShortestQueue));

    /// <summary>MWS's over the hashing baseline's p99 on a trace at a user count.</summary>
    public double P99Ratio(string trace, int users) =>
        Ratio(Find(trace, BalancingPolicyNames.MinWorkerSet, users)?.P99Ms, Find(trace, BalancingPolicyNames.OpenWhiskHash, users)?.P99Ms);

    /// <summary>
    /// The goals, where the run has the cells: on every trace, MWS's cold-start rate (pooled over users, and at
    /// the highest load) at most 0.3x JSQ's; on the active trace at the highest load, MWS's p99 at most 0.5x hashing's.
    /// </summary>
    public IReadOnlyList<GoalCheck> Goals()
    {
        var goals = new List<GoalCheck>();
        var top = Options.Users.Max();
        foreach (var trace in Options.Traces)
        {
            if (Options.Policies.Contains(BalancingPolicyNames.MinWorkerSet) && Options.Policies.Contains(BalancingPolicyNames.JoinShortestQueue))
            {
                goals.Add(new GoalCheck("MWS cold-start rate <= 0.3 x JSQ's", $"{trace}, all users pooled", ColdStartRatio(trace), COLD_START_BOUND));
                goals.Add(new GoalCheck("MWS cold-start rate <= 0.3 x JSQ's", $"{trace}, {top} users", ColdStartRatio(trace, top), COLD_START_BOUND));
            }
        }

        if (Options.Traces.Contains("active") && Options.Policies.Contains(BalancingPolicyNames.MinWorkerSet) && Options.Policies.Contains(BalancingPolicyNames.OpenWhiskHash))
        {
            goals.Add(new GoalCheck("MWS p99 <= 0.5 x hashing's", $"active, {top} users", P99Ratio("active", top), P99_BOUND));
        }

        return goals;
    }

    private static double Ratio(double? numerator, double? denominator) =>
        numerator is { } n && denominator is { } d && d > 0 ? n / d : double.NaN;
}
