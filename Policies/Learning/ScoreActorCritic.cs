using MathNet.Numerics.LinearAlgebra;

namespace HarvestOrleans.Policies;

/// <summary>
/// The actor-critic of a per-candidate score policy, as Freyr's DRL agent has it: a score network rates each valid
/// candidate from [state features, action features] and the policy is the softmax of the ratings over the valid
/// candidates only, so one network serves any number of candidates; a separate value network estimates the state's
/// return for PPO's advantages. Inference is a few small matrix products and changes nothing: one instance may serve
/// many threads while nothing trains it.
/// </summary>
public sealed class ScoreActorCritic
{
    /// <summary>The score network's last-layer scale at creation: small, so an untrained policy is near uniform.</summary>
    public const double INITIAL_SCORE_SCALE = 0.01;

    private readonly string[] _stateFeatures;
    private readonly string[] _actionFeatures;

    /// <summary>
    /// A new, untrained actor-critic for the named features, with <paramref name="hiddenSizes"/> hidden layers in both
    /// networks, initialised from <paramref name="random"/> (the same seed gives the same networks).
    /// </summary>
    public ScoreActorCritic(
        IReadOnlyList<string> stateFeatures,
        IReadOnlyList<string> actionFeatures,
        IReadOnlyList<int> hiddenSizes,
        NetworkActivation activation,
        Random random)
    {
        ArgumentNullException.ThrowIfNull(stateFeatures);
        ArgumentNullException.ThrowIfNull(actionFeatures);
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        if (stateFeatures.Count == 0 || actionFeatures.Count == 0)
        {
            throw new ArgumentException("The policy needs at least one state and one action feature.", nameof(stateFeatures));
        }

        _stateFeatures = [.. stateFeatures];
        _actionFeatures = [.. actionFeatures];
        Score = new Mlp([_stateFeatures.Length + _actionFeatures.Length, .. hiddenSizes, 1], activation, random, INITIAL_SCORE_SCALE);
        Value = new Mlp([_stateFeatures.Length, .. hiddenSizes, 1], activation, random);
    }

    private ScoreActorCritic(string[] stateFeatures, string[] actionFeatures, Mlp score, Mlp value)
    {
        _stateFeatures = stateFeatures;
        _actionFeatures = actionFeatures;
        Score = score;
        Value = value;
        if (score.InputCount != stateFeatures.Length + actionFeatures.Length || score.OutputCount != 1)
        {
            throw new FormatException($"The score network must take {stateFeatures.Length + actionFeatures.Length} inputs and give 1 score.");
        }

        if (value.InputCount != stateFeatures.Length || value.OutputCount != 1)
        {
            throw new FormatException($"The value network must take {stateFeatures.Length} inputs and give 1 value.");
        }
    }

    /// <summary>The state features' names, in input order.</summary>
    public IReadOnlyList<string> StateFeatures => _stateFeatures;

    /// <summary>The action features' names, in input order after the state's.</summary>
    public IReadOnlyList<string> ActionFeatures => _actionFeatures;

    /// <summary>[state, action] → score.</summary>
    public Mlp Score { get; }

    /// <summary>state → value.</summary>
    public Mlp Value { get; }

    /// <summary>Both networks' parameter arrays, the score network's first (see <see cref="Mlp.Parameters"/>).</summary>
    public IReadOnlyList<double[]> Parameters() => [.. Score.Parameters(), .. Value.Parameters()];

    /// <summary>The score of each of <paramref name="observation"/>'s candidates.</summary>
    public double[] Scores(PolicyObservation observation)
    {
        CheckShape(observation);
        return [.. Score.Forward(ScoreInputs([observation])).Output.Column(0)];
    }

    /// <summary>The probability the policy gives each of <paramref name="observation"/>'s candidates.</summary>
    public double[] Probabilities(PolicyObservation observation) => Categorical.Probabilities(Scores(observation));

    /// <summary>The candidate the policy rates highest (deterministic: what a runtime acts on).</summary>
    public int Best(PolicyObservation observation) => Categorical.ArgMax(Scores(observation));

    /// <summary>The value network's estimate for <paramref name="state"/>.</summary>
    public double StateValue(double[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length != _stateFeatures.Length)
        {
            throw new ArgumentException($"The policy takes {_stateFeatures.Length} state features, was given {state.Length}.", nameof(state));
        }

        return Value.Forward(Matrix<double>.Build.DenseOfRowArrays(state)).Output[0, 0];
    }

    /// <summary>Throws unless <paramref name="observation"/> has this policy's numbers of features.</summary>
    public void CheckShape(PolicyObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (observation.State.Length != _stateFeatures.Length || observation.ActionFeatureCount != _actionFeatures.Length)
        {
            throw new ArgumentException(
                $"The policy takes {_stateFeatures.Length} state and {_actionFeatures.Length} action features; the observation has " +
                $"{observation.State.Length} and {observation.ActionFeatureCount}.",
                nameof(observation));
        }
    }

    /// <summary>
    /// The score network's input for <paramref name="observations"/>: one row [state, candidate] per candidate, the
    /// observations' candidates one after another.
    /// </summary>
    public static Matrix<double> ScoreInputs(IReadOnlyList<PolicyObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var rows = observations.Sum(o => o.Candidates.Count);
        var stateCount = observations[0].State.Length;
        var columns = stateCount + observations[0].ActionFeatureCount;
        var inputs = Matrix<double>.Build.Dense(rows, columns);
        var row = 0;
        foreach (var observation in observations)
        {
            foreach (var candidate in observation.Candidates)
            {
                for (var i = 0; i < stateCount; i++)
                {
                    inputs[row, i] = observation.State[i];
                }

                for (var i = 0; i < candidate.Length; i++)
                {
                    inputs[row, stateCount + i] = candidate[i];
                }

                row++;
            }
        }

        return inputs;
    }

    /// <summary>An independent copy: training this one afterwards leaves the copy as it was.</summary>
    public ScoreActorCritic Clone() => new(_stateFeatures, _actionFeatures, Score.Clone(), Value.Clone());

    /// <summary>The weights, for a file (see <see cref="ScorePolicyWeights"/>).</summary>
    public ScorePolicyWeights Export(string? description = null) => new()
    {
        Description = description,
        StateFeatures = [.. _stateFeatures],
        ActionFeatures = [.. _actionFeatures],
        Score = Score.Export(),
        Value = Value.Export(),
    };

    /// <summary>The actor-critic <paramref name="weights"/> describe.</summary>
    /// <exception cref="FormatException">The networks do not fit the features or each other.</exception>
    public static ScoreActorCritic Import(ScorePolicyWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.StateFeatures is not { Length: > 0 } || weights.ActionFeatures is not { Length: > 0 })
        {
            throw new FormatException("The policy weights name no state or no action features.");
        }

        var score = weights.Score ?? throw new FormatException("The policy weights have no score network.");
        var value = weights.Value ?? throw new FormatException("The policy weights have no value network.");
        return new([.. weights.StateFeatures], [.. weights.ActionFeatures], Mlp.Import(score), Mlp.Import(value));
    }

    /// <summary>Writes the weights to the JSON file <paramref name="path"/>.</summary>
    public void Save(string path, string? description = null) => Export(description).Save(path);

    /// <summary>Reads an actor-critic from the JSON file <paramref name="path"/>.</summary>
    public static ScoreActorCritic Load(string path) => Import(ScorePolicyWeights.Load(path));
}
