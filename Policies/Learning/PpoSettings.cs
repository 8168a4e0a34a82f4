namespace HarvestOrleans.Policies;

/// <summary>
/// PPO's tunables (Schulman et al., 2017). Where the Freyr authors' code sets a value (their <c>params.py</c>:
/// learning rate, discount, clip, epochs, value and entropy coefficients, hidden layers, tanh) the default is theirs;
/// the rest are the common PPO defaults.
/// </summary>
public sealed record PpoSettings
{
    /// <summary>The default of <see cref="LearningRate"/>: 1e-3, the authors'.</summary>
    public const double DEFAULT_LEARNING_RATE = 1e-3;

    /// <summary>The default of <see cref="Discount"/>: 1, the authors' (an episode is one finite trace).</summary>
    public const double DEFAULT_DISCOUNT = 1.0;

    /// <summary>The default of <see cref="GaeLambda"/>: 0.95 (Schulman et al., 2016).</summary>
    public const double DEFAULT_GAE_LAMBDA = 0.95;

    /// <summary>The default of <see cref="Clip"/>: 0.2, the authors'.</summary>
    public const double DEFAULT_CLIP = 0.2;

    /// <summary>The default of <see cref="Epochs"/>: 4, the authors'.</summary>
    public const int DEFAULT_EPOCHS = 4;

    /// <summary>The default of <see cref="MinibatchSize"/>: 64 decisions.</summary>
    public const int DEFAULT_MINIBATCH_SIZE = 64;

    /// <summary>The default of <see cref="ValueCoefficient"/>: 0.5, the authors'.</summary>
    public const double DEFAULT_VALUE_COEFFICIENT = 0.5;

    /// <summary>The default of <see cref="EntropyCoefficient"/>: 0.01, the authors'.</summary>
    public const double DEFAULT_ENTROPY_COEFFICIENT = 0.01;

    /// <summary>The default of <see cref="MaxGradientNorm"/>: 0.5.</summary>
    public const double DEFAULT_MAX_GRADIENT_NORM = 0.5;

    /// <summary>The default of <see cref="NormalizeAdvantages"/>: true.</summary>
    public const bool DEFAULT_NORMALIZE_ADVANTAGES = true;

    /// <summary>The settings with every default.</summary>
    public static PpoSettings Default { get; } = new();

    /// <summary>The default hidden layers of both networks: 32 and 16 units, the authors' <c>HIDDEN_DIMS</c>.</summary>
    public static IReadOnlyList<int> DefaultHiddenSizes { get; } = [32, 16];

    /// <summary>Adam's step size, &gt; 0. Default <see cref="DEFAULT_LEARNING_RATE"/>.</summary>
    public double LearningRate { get; init; } = DEFAULT_LEARNING_RATE;

    /// <summary>γ, in [0, 1]. Default <see cref="DEFAULT_DISCOUNT"/>.</summary>
    public double Discount { get; init; } = DEFAULT_DISCOUNT;

    /// <summary>GAE's λ, in [0, 1] (1: Monte-Carlo returns minus the value, as the authors compute advantages). Default <see cref="DEFAULT_GAE_LAMBDA"/>.</summary>
    public double GaeLambda { get; init; } = DEFAULT_GAE_LAMBDA;

    /// <summary>ε of the clipped objective: the ratio counts only within [1 − ε, 1 + ε]. Default <see cref="DEFAULT_CLIP"/>.</summary>
    public double Clip { get; init; } = DEFAULT_CLIP;

    /// <summary>Passes over each rollout per update, at least 1. Default <see cref="DEFAULT_EPOCHS"/>.</summary>
    public int Epochs { get; init; } = DEFAULT_EPOCHS;

    /// <summary>Decisions per gradient step, at least 1. Default <see cref="DEFAULT_MINIBATCH_SIZE"/>.</summary>
    public int MinibatchSize { get; init; } = DEFAULT_MINIBATCH_SIZE;

    /// <summary>Weight of the value loss (mean squared error against the returns). Default <see cref="DEFAULT_VALUE_COEFFICIENT"/>.</summary>
    public double ValueCoefficient { get; init; } = DEFAULT_VALUE_COEFFICIENT;

    /// <summary>Weight of the entropy bonus (subtracted from the loss). Default <see cref="DEFAULT_ENTROPY_COEFFICIENT"/>.</summary>
    public double EntropyCoefficient { get; init; } = DEFAULT_ENTROPY_COEFFICIENT;

    /// <summary>The gradient is scaled down to this global norm when longer; 0 or less: never. Default <see cref="DEFAULT_MAX_GRADIENT_NORM"/>.</summary>
    public double MaxGradientNorm { get; init; } = DEFAULT_MAX_GRADIENT_NORM;

    /// <summary>Advantages are shifted and scaled to mean 0, deviation 1 over each rollout. Default <see cref="DEFAULT_NORMALIZE_ADVANTAGES"/>.</summary>
    public bool NormalizeAdvantages { get; init; } = DEFAULT_NORMALIZE_ADVANTAGES;
}
