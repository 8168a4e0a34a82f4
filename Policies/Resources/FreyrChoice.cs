namespace HarvestOrleans.Policies;

/// <summary>
/// Where Freyr stands on one invocation before its network acts: either decided already (by the safeguard, or for want
/// of any valid action), or the valid candidates and their observation, for the network to choose from. The simulator's
/// training samples from the same choice a silo's policy takes the best of.
/// </summary>
public sealed class FreyrChoice
{
    private readonly VmResources _vm;
    private readonly ResourceDecisionReason _reason;

    private FreyrChoice(ResourceDecision? decided, PolicyObservation? observation, IReadOnlyList<ResourceAllocation> candidates, ResourceDecisionReason reason, VmResources vm)
    {
        Decided = decided;
        Observation = observation;
        Candidates = candidates;
        _reason = reason;
        _vm = vm;
    }

    /// <summary>The decision, when nothing is left to choose; null when the network chooses.</summary>
    public ResourceDecision? Decided { get; }

    /// <summary>What the network sees; null when <see cref="Decided"/>.</summary>
    public PolicyObservation? Observation { get; }

    /// <summary>The valid actions, in the observation's order (empty when <see cref="Decided"/>).</summary>
    public IReadOnlyList<ResourceAllocation> Candidates { get; }

    /// <summary>The decision of candidate <paramref name="candidate"/>.</summary>
    public ResourceDecision Choose(int candidate)
    {
        if (Decided is not null)
        {
            throw new InvalidOperationException("The safeguard decided this invocation already: there is nothing to choose.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(candidate);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(candidate, Candidates.Count);
        return ResourceDecision.Within(Candidates[candidate], _reason, _vm);
    }

    /// <summary>Decided already.</summary>
    public static FreyrChoice Of(ResourceDecision decision, VmResources vm) => new(decision, null, [], decision.Reason, vm);

    /// <summary>
    /// For the network: <paramref name="candidates"/> observed as <paramref name="observation"/>; a chosen one's decision
    /// carries <paramref name="reason"/>.
    /// </summary>
    public static FreyrChoice Open(PolicyObservation observation, IReadOnlyList<ResourceAllocation> candidates, ResourceDecisionReason reason, VmResources vm)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(candidates);
        if (observation.Candidates.Count != candidates.Count)
        {
            throw new ArgumentException("Every candidate needs its features in the observation.", nameof(candidates));
        }

        return new(null, observation, candidates, reason, vm);
    }
}
