namespace HarvestOrleans.Policies;

/// <summary>
/// What a score policy sees at one decision: the state's features and, for each valid candidate action (the invalid
/// ones are filtered out before), the action's features. The score network rates each candidate from
/// [state, action]; the softmax of the ratings over these candidates is the policy.
/// </summary>
public sealed class PolicyObservation
{
    /// <summary>An observation of <paramref name="state"/> with <paramref name="candidates"/> (at least one, all one length).</summary>
    public PolicyObservation(double[] state, IReadOnlyList<double[]> candidates)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("An observation needs at least one valid candidate.", nameof(candidates));
        }

        var actionFeatures = candidates[0].Length;
        if (candidates.Any(c => c is null || c.Length != actionFeatures))
        {
            throw new ArgumentException("Every candidate must have the same number of features.", nameof(candidates));
        }

        State = state;
        Candidates = candidates;
    }

    /// <summary>The state's features.</summary>
    public double[] State { get; }

    /// <summary>Each valid candidate's features.</summary>
    public IReadOnlyList<double[]> Candidates { get; }

    /// <summary>Features per candidate.</summary>
    public int ActionFeatureCount => Candidates[0].Length;
}
