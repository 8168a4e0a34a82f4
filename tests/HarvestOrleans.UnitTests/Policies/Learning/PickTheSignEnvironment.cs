namespace HarvestOrleans.UnitTests.Policies;

/// <summary>
/// A toy environment where one action is clearly best: the state is a number u in [−1, 1]; of 3 to 5 candidates, each
/// with one feature, exactly one has the feature sign(u) and earns 1, the others 0. Every decision is an episode.
/// The policy must learn the interaction of state and action, which a per-candidate score network can.
/// </summary>
internal sealed class PickTheSignEnvironment(int seed) : IPolicyEnvironment
{
    private static readonly double[] Distractors = [0, 0.5, -0.5, 0.25];

    private readonly Random _random = new(seed);
    private int _best;

    public PolicyObservation Reset()
    {
        var u = 2 * _random.NextDouble() - 1;
        var count = _random.Next(3, 6);
        _best = _random.Next(count);
        var offset = _random.Next(Distractors.Length);
        var candidates = new double[count][];
        for (var i = 0; i < count; i++)
        {
            candidates[i] = [i == _best ? Math.Sign(u) : i % 2 == 0 ? -Math.Sign(u) : Distractors[(i + offset) % Distractors.Length]];
        }

        return new PolicyObservation([u], candidates);
    }

    public PolicyStep Step(int action) => new(action == _best ? 1 : 0, Done: true, Next: null);

    /// <summary>The mean reward of <paramref name="choose"/> over <paramref name="decisions"/> fresh decisions.</summary>
    public double MeanReward(Func<PolicyObservation, int> choose, int decisions)
    {
        var total = 0.0;
        for (var i = 0; i < decisions; i++)
        {
            total += Step(choose(Reset())).Reward;
        }

        return total / decisions;
    }
}
