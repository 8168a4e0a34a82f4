namespace HarvestOrleans.Policies;

/// <summary>
/// The decisions an agent made since its last update, in order, with their rewards. A reward may be credited after
/// later decisions were made (an invocation finishes after others were admitted): <see cref="AddReward"/>.
/// Not thread-safe.
/// </summary>
public sealed class PpoRollout
{
    private readonly List<PpoTransition> _transitions = [];

    /// <summary>The decisions, oldest first.</summary>
    public IReadOnlyList<PpoTransition> Transitions => _transitions;

    /// <summary>Decisions held.</summary>
    public int Count => _transitions.Count;

    /// <summary>Adds a decision; returns its index (for <see cref="AddReward"/>).</summary>
    public int Add(PolicyObservation observation, AgentDecision decision, double reward = 0, bool done = false)
    {
        ArgumentNullException.ThrowIfNull(observation);
        _transitions.Add(new PpoTransition(observation, decision, reward, done));
        return _transitions.Count - 1;
    }

    /// <summary>Credits <paramref name="reward"/> to the decision at <paramref name="index"/> (added to what it has).</summary>
    public void AddReward(int index, double reward)
    {
        var transition = _transitions[index];
        _transitions[index] = transition with { Reward = transition.Reward + reward };
    }

    /// <summary>Marks the last decision as the end of an episode.</summary>
    public void EndEpisode()
    {
        if (_transitions.Count > 0)
        {
            _transitions[^1] = _transitions[^1] with { Done = true };
        }
    }

    /// <summary>
    /// Generalised advantage estimates (Schulman et al., 2016) and returns: δₜ = rₜ + γ·V(sₜ₊₁)·(1 − doneₜ) − V(sₜ),
    /// Âₜ = δₜ + γλ·(1 − doneₜ)·Âₜ₊₁, returnₜ = Âₜ + V(sₜ). <paramref name="lastValue"/> is V of the state after the last
    /// decision (ignored when it ended an episode).
    /// </summary>
    public (double[] Advantages, double[] Returns) Advantages(double discount, double lambda, double lastValue)
    {
        var advantages = new double[_transitions.Count];
        var returns = new double[_transitions.Count];
        var running = 0.0;
        for (var t = _transitions.Count - 1; t >= 0; t--)
        {
            var transition = _transitions[t];
            var next = t == _transitions.Count - 1 ? lastValue : _transitions[t + 1].Decision.Value;
            var live = transition.Done ? 0.0 : 1.0;
            var delta = transition.Reward + discount * next * live - transition.Decision.Value;
            running = delta + discount * lambda * live * running;
            advantages[t] = running;
            returns[t] = running + transition.Decision.Value;
        }

        return (advantages, returns);
    }

    /// <summary>The decisions as PPO's loss takes them, with <paramref name="settings"/>' γ, λ and advantage normalisation.</summary>
    public IReadOnlyList<PpoSample> Samples(PpoSettings settings, double lastValue)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (advantages, returns) = Advantages(settings.Discount, settings.GaeLambda, lastValue);
        if (settings.NormalizeAdvantages && advantages.Length > 1)
        {
            var mean = advantages.Average();
            var deviation = Math.Sqrt(advantages.Sum(a => (a - mean) * (a - mean)) / advantages.Length);
            for (var t = 0; t < advantages.Length; t++)
            {
                // A rollout whose advantages are all equal teaches nothing about the policy: centre them only.
                advantages[t] = deviation > 1e-8 ? (advantages[t] - mean) / deviation : advantages[t] - mean;
            }
        }

        var samples = new PpoSample[_transitions.Count];
        for (var t = 0; t < samples.Length; t++)
        {
            var transition = _transitions[t];
            samples[t] = new PpoSample(transition.Observation, transition.Decision.Action, transition.Decision.LogProbability, advantages[t], returns[t]);
        }

        return samples;
    }
}
