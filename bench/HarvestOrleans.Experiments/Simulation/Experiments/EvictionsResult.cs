namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>
/// The evictions experiment: per lifetime and eviction policy, the day on the regular VMs it needs, with an
/// extrapolation of the stress run's failures to the paper's eviction rate (<see cref="ExtrapolatedSuccessPct"/>).
/// </summary>
public sealed record EvictionsResult(EvictionsOptions Options, WeightedFunctions Mix, IReadOnlyList<EvictionsPolicy> Policies, double WallSeconds)
{
    /// <summary>The paper's success rate under live-and-let-die: 99.99%.</summary>
    public const double PAPER_SUCCESS_PCT = 99.99;

    /// <summary>Evictions per day the paper's lifetimes give the cluster: each Harvest VM (or its replacement) is evicted at rate 1 / mean lifetime.</summary>
    public double PaperEvictionsPerDay => Options.HarvestVms / Options.Evictions.MeanLifetimeDays;

    public IEnumerable<EvictionsPolicy> At(double meanLifetimeDays) => Policies.Where(p => p.MeanLifetimeDays == meanLifetimeDays);

    /// <summary>
    /// The eviction failures per million invocations <paramref name="policy"/>'s run predicts at the paper's eviction
    /// rate: its failures per eviction (how many long invocations an eviction finds running) × the paper's evictions
    /// per day, over its invocations per day. A failure needs an eviction while a long invocation runs, so eviction
    /// failures scale with the eviction rate. NaN when the run saw no eviction.
    /// </summary>
    public double ExtrapolatedEvictionFailuresPerMillion(EvictionsPolicy policy)
    {
        var run = policy.Chosen;
        var days = run.Result.SimulatedSeconds / 86_400;
        if (!double.IsFinite(run.FailuresPerEviction) || run.Stats.Invocations == 0 || days <= 0)
        {
            return double.NaN;
        }

        return 1e6 * run.FailuresPerEviction * PaperEvictionsPerDay / (run.Stats.Invocations / days);
    }

    /// <summary>The success rate at the paper's eviction rate: 100% less the extrapolated eviction failures and the run's other failures.</summary>
    public double ExtrapolatedSuccessPct(EvictionsPolicy policy) =>
        100 - (ExtrapolatedEvictionFailuresPerMillion(policy) / 1e4) - policy.Chosen.OtherFailurePct;
}
