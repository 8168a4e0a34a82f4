namespace HarvestOrleans.UnitTests.Policies;

[Trait("Category", "Unit")]
public sealed class PpoLossTests
{
    private static readonly string[] StateNames = ["s0", "s1", "s2"];
    private static readonly string[] ActionNames = ["a0", "a1"];

    private static ScoreActorCritic Network(int seed) =>
        new(StateNames, ActionNames, [6, 4], NetworkActivation.Tanh, new Random(seed));

    private static PolicyObservation Observation(Random random, int candidates) => new(
        [.. Enumerable.Range(0, 3).Select(_ => 2 * random.NextDouble() - 1)],
        [.. Enumerable.Range(0, candidates).Select(_ => new[] { 2 * random.NextDouble() - 1, 2 * random.NextDouble() - 1 })]);

    /// <summary>
    /// Decisions whose old log-probabilities put the ratio at <paramref name="ratios"/>: with these advantages some are
    /// held by the clip (ratio 1.5 with Â &gt; 0, 0.5 with Â &lt; 0) and some are not.
    /// </summary>
    private static PpoSample[] Batch(ScoreActorCritic network, Random random, double[] ratios, double[] advantages)
    {
        var samples = new PpoSample[ratios.Length];
        for (var t = 0; t < ratios.Length; t++)
        {
            var observation = Observation(random, 2 + t % 4);
            var scores = network.Scores(observation);
            var action = t % observation.Candidates.Count;
            var logProbability = scores[action] - Categorical.LogSumExp(scores);
            samples[t] = new PpoSample(observation, action, logProbability - Math.Log(ratios[t]), advantages[t], 2 * random.NextDouble() - 1);
        }

        return samples;
    }

    [Fact]
    public void The_gradient_of_the_clipped_objective_matches_finite_differences_for_every_parameter()
    {
        var network = Network(11);
        var random = new Random(5);
        var batch = Batch(network, random, ratios: [0.5, 0.5, 0.9, 1.1, 1.5, 1.5, 1.0], advantages: [1.2, -0.8, 0.6, -1.1, 0.9, -0.7, 0.4]);
        var settings = PpoSettings.Default;
        var result = PpoLoss.Evaluate(network, batch, settings);

        Assert.InRange(result.ClipFraction, 0.5, 0.6); // four of seven ratios lie outside [0.8, 1.2]
        Assert.InRange(GradientCheck.MaxRelativeError(network.Parameters(), result.Gradient, () => PpoLoss.Evaluate(network, batch, settings).Loss), 0, 1e-6);
    }

    [Fact]
    public void The_loss_is_its_parts_weighted_by_the_settings()
    {
        var network = Network(2);
        var batch = Batch(network, new Random(9), ratios: [1.0, 1.3, 0.6], advantages: [0.5, 1.0, -1.0]);
        var settings = new PpoSettings { ValueCoefficient = 0.7, EntropyCoefficient = 0.05 };

        var result = PpoLoss.Evaluate(network, batch, settings);

        // At ratio 1 the surrogate is Â; ratio 1.3 with Â = 1 is clipped to 1.2; ratio 0.6 with Â = −1 is clipped to 0.8.
        Assert.Equal(-(0.5 + 1.2 - 0.8) / 3, result.PolicyLoss, 10);
        Assert.Equal(result.PolicyLoss + 0.7 * result.ValueLoss - 0.05 * result.Entropy, result.Loss, 12);
        var values = batch.Select(s => network.StateValue(s.Observation.State)).ToArray();
        Assert.Equal(batch.Select((s, t) => (values[t] - s.Return) * (values[t] - s.Return)).Average(), result.ValueLoss, 12);
    }

    [Fact]
    public void A_decision_held_by_the_clip_moves_no_score_and_one_inside_it_does()
    {
        var network = Network(4);
        var settings = new PpoSettings { ValueCoefficient = 0, EntropyCoefficient = 0 };
        var scoreArrays = network.Score.Parameters().Count;

        var held = PpoLoss.Evaluate(network, Batch(network, new Random(1), ratios: [1.5], advantages: [1.0]), settings);
        var inside = PpoLoss.Evaluate(network, Batch(network, new Random(1), ratios: [1.1], advantages: [1.0]), settings);

        Assert.All(held.Gradient.Take(scoreArrays), array => Assert.All(array, value => Assert.Equal(0, value)));
        Assert.Contains(inside.Gradient.Take(scoreArrays), array => array.Any(value => Math.Abs(value) > 1e-6));
    }

    [Fact]
    public void Generalised_advantages_follow_their_recursion_and_stop_at_an_episode_end()
    {
        var rollout = new PpoRollout();
        var observation = new PolicyObservation([0, 0, 0], [[0, 0]]);
        rollout.Add(observation, new AgentDecision(0, 0, Value: 0.5), reward: 1);
        rollout.Add(observation, new AgentDecision(0, 0, Value: 0.2), reward: 0, done: true);
        rollout.Add(observation, new AgentDecision(0, 0, Value: 0.1), reward: 2);

        var (advantages, returns) = rollout.Advantages(discount: 0.9, lambda: 0.8, lastValue: 1.0);

        // δ₂ = 2 + 0.9·1 − 0.1 = 2.8; δ₁ = 0 − 0.2 (done); δ₀ = 1 + 0.9·0.2 − 0.5 = 0.68, Â₀ = δ₀ + 0.72·Â₁.
        Assert.Equal(2.8, advantages[2], 12);
        Assert.Equal(-0.2, advantages[1], 12);
        Assert.Equal(0.68 + 0.72 * -0.2, advantages[0], 12);
        Assert.Equal(advantages[0] + 0.5, returns[0], 12);
    }

    [Fact]
    public void A_reward_credited_later_reaches_its_decision()
    {
        var rollout = new PpoRollout();
        var observation = new PolicyObservation([0, 0, 0], [[0, 0]]);
        var first = rollout.Add(observation, new AgentDecision(0, 0, 0));
        rollout.Add(observation, new AgentDecision(0, 0, 0), reward: 1);

        rollout.AddReward(first, 2.5);
        rollout.AddReward(first, 0.5);

        Assert.Equal([3.0, 1.0], rollout.Transitions.Select(t => t.Reward));
    }
}
