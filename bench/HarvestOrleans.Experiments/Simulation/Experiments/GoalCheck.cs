namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>One of the goals checked against a run: the measured ratio, the bound it must stay within, and whether it does.</summary>
/// <param name="Goal">What is claimed, e.g. "MWS cold starts ≤ 0.3 × JSQ's".</param>
/// <param name="Where">The cell it was checked on (trace, users).</param>
/// <param name="Ratio">Measured ratio (NaN when undefined, e.g. a zero denominator).</param>
/// <param name="Bound">The ratio must be at most this.</param>
public sealed record GoalCheck(string Goal, string Where, double Ratio, double Bound)
{
    /// <summary>The goal holds: the ratio is defined and within its bound.</summary>
    public bool Holds => double.IsFinite(Ratio) && Ratio <= Bound;
}
