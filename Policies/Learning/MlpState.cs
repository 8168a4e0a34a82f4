namespace HarvestOrleans.Policies;

/// <summary>
/// A <see cref="Mlp"/>'s weights as plain arrays, the shape its JSON file takes: layer l maps
/// <c>LayerSizes[l]</c> inputs to <c>LayerSizes[l + 1]</c> outputs with <c>Weights[l]</c> (row-major: output by
/// output, each row its inputs' weights) and <c>Biases[l]</c>.
/// </summary>
public sealed record MlpState
{
    /// <summary>Inputs, then each layer's outputs: [inputs, hidden..., outputs].</summary>
    public required int[] LayerSizes { get; init; }

    /// <summary>The hidden layers' non-linearity.</summary>
    public required NetworkActivation Activation { get; init; }

    /// <summary>Each layer's weights, row-major (outputs × inputs).</summary>
    public required double[][] Weights { get; init; }

    /// <summary>Each layer's biases (one per output).</summary>
    public required double[][] Biases { get; init; }
}
