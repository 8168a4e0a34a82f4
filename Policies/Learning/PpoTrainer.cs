namespace HarvestOrleans.Policies;

/// <summary>
/// Trains a <see cref="ScoreActorCritic"/> with PPO: <see cref="Act"/> samples decisions from the policy, a
/// <see cref="PpoRollout"/> gathers them with their rewards, <see cref="Update"/> runs the clipped objective over it for
/// a few epochs of shuffled minibatches with Adam. Everything random (sampling, shuffling) comes from one seeded
/// <see cref="Random"/>: the same seed, network and environment give the same training. Not thread-safe.
/// </summary>
public sealed class PpoTrainer
{
    private readonly Random _random;
    private readonly AdamOptimizer _optimizer;

    /// <summary>A trainer of <paramref name="network"/> (trained in place) with <paramref name="settings"/>, seeded by <paramref name="seed"/>.</summary>
    public PpoTrainer(ScoreActorCritic network, PpoSettings settings, int seed)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MinibatchSize, 1);
        Network = network;
        Settings = settings;
        _random = new Random(seed);
        _optimizer = new AdamOptimizer(settings.LearningRate);
    }

    /// <summary>The network being trained.</summary>
    public ScoreActorCritic Network { get; }

    /// <summary>PPO's tunables.</summary>
    public PpoSettings Settings { get; }

    /// <summary>Updates run so far.</summary>
    public int Updates { get; private set; }

    /// <summary>A decision sampled from the policy, with its log-probability and the state's value.</summary>
    public AgentDecision Act(PolicyObservation observation)
    {
        var scores = Network.Scores(observation);
        var action = Categorical.Sample(scores, _random);
        return new AgentDecision(action, scores[action] - Categorical.LogSumExp(scores), Network.StateValue(observation.State));
    }

    /// <summary>
    /// Runs <paramref name="steps"/> sampled decisions in <paramref name="environment"/>, from a fresh episode and
    /// starting a new one whenever one ends.
    /// </summary>
    public PpoBatch Collect(IPolicyEnvironment environment, int steps)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var rollout = new PpoRollout();
        var returns = new List<double>();
        var observation = environment.Reset();
        var episodeReturn = 0.0;
        for (var step = 0; step < steps; step++)
        {
            var decision = Act(observation);
            var outcome = environment.Step(decision.Action);
            rollout.Add(observation, decision, outcome.Reward, outcome.Done);
            episodeReturn += outcome.Reward;
            if (outcome.Done || outcome.Next is null)
            {
                rollout.EndEpisode();
                returns.Add(episodeReturn);
                episodeReturn = 0;
                if (step < steps - 1)
                {
                    observation = environment.Reset();
                }

                continue;
            }

            observation = outcome.Next;
        }

        var last = rollout.Transitions[^1];
        var lastValue = last.Done ? 0 : Network.StateValue(observation.State);
        return new PpoBatch(rollout, lastValue, returns);
    }

    /// <summary>One PPO update on <paramref name="batch"/>.</summary>
    public PpoUpdateStats Update(PpoBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Update(batch.Rollout, batch.LastValue);
    }

    /// <summary>
    /// One PPO update on <paramref name="rollout"/>: GAE advantages and returns (bootstrapped with
    /// <paramref name="lastValue"/>), then <see cref="PpoSettings.Epochs"/> passes of shuffled minibatches, each one
    /// gradient step of the clipped objective (the gradient scaled to <see cref="PpoSettings.MaxGradientNorm"/>).
    /// </summary>
    public PpoUpdateStats Update(PpoRollout rollout, double lastValue = 0)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        if (rollout.Count == 0)
        {
            throw new ArgumentException("An update needs at least one decision.", nameof(rollout));
        }

        var samples = rollout.Samples(Settings, lastValue);
        var order = Enumerable.Range(0, samples.Count).ToArray();
        double loss = 0, policy = 0, value = 0, entropy = 0, clip = 0, kl = 0;
        var steps = 0;
        for (var epoch = 0; epoch < Settings.Epochs; epoch++)
        {
            _random.Shuffle(order);
            for (var start = 0; start < order.Length; start += Settings.MinibatchSize)
            {
                var minibatch = new PpoSample[Math.Min(Settings.MinibatchSize, order.Length - start)];
                for (var i = 0; i < minibatch.Length; i++)
                {
                    minibatch[i] = samples[order[start + i]];
                }

                var result = PpoLoss.Evaluate(Network, minibatch, Settings);
                ClipNorm(result.Gradient, Settings.MaxGradientNorm);
                _optimizer.Step(Network.Parameters(), result.Gradient);
                (loss, policy, value) = (loss + result.Loss, policy + result.PolicyLoss, value + result.ValueLoss);
                (entropy, clip, kl) = (entropy + result.Entropy, clip + result.ClipFraction, kl + result.ApproxKl);
                steps++;
            }
        }

        Updates++;
        var meanReward = rollout.Transitions.Average(t => t.Reward);
        return new PpoUpdateStats(loss / steps, policy / steps, value / steps, entropy / steps, clip / steps, kl / steps, steps, meanReward);
    }

    private static void ClipNorm(IReadOnlyList<double[]> gradient, double maxNorm)
    {
        if (maxNorm <= 0)
        {
            return;
        }

        var squares = 0.0;
        foreach (var array in gradient)
        {
            foreach (var value in array)
            {
                squares += value * value;
            }
        }

        var norm = Math.Sqrt(squares);
        if (norm <= maxNorm)
        {
            return;
        }

        var scale = maxNorm / norm;
        foreach (var array in gradient)
        {
            for (var i = 0; i < array.Length; i++)
            {
                array[i] *= scale;
            }
        }
    }
}
