using MathNet.Numerics.LinearAlgebra;

namespace HarvestOrleans.Policies;

/// <summary>
/// One forward pass of a <see cref="Mlp"/> over a batch: every layer's output, kept for <see cref="Mlp.Backward"/>.
/// </summary>
public sealed class MlpForward
{
    internal MlpForward(Matrix<double>[] activations) => Activations = activations;

    /// <summary>The input (index 0), then each layer's output, one row per sample; the last is <see cref="Output"/>.</summary>
    public IReadOnlyList<Matrix<double>> Activations { get; }

    /// <summary>The network's output: one row per sample, one column per output.</summary>
    public Matrix<double> Output => Activations[^1];
}
