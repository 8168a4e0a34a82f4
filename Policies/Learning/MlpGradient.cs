using MathNet.Numerics.LinearAlgebra;

namespace HarvestOrleans.Policies;

/// <summary>The gradient of a loss with respect to every weight and bias of a <see cref="Mlp"/>, layer by layer.</summary>
public sealed class MlpGradient
{
    internal MlpGradient(Matrix<double>[] weights, Vector<double>[] biases)
    {
        Weights = weights;
        Biases = biases;
    }

    /// <summary>∂loss/∂W of each layer (outputs × inputs, like the weights).</summary>
    public IReadOnlyList<Matrix<double>> Weights { get; }

    /// <summary>∂loss/∂b of each layer.</summary>
    public IReadOnlyList<Vector<double>> Biases { get; }

    /// <summary>
    /// The gradient's arrays in the order of <see cref="Mlp.Parameters"/> (weights column-major, as MathNet stores them),
    /// so an optimiser can pair them index for index.
    /// </summary>
    public IReadOnlyList<double[]> Arrays()
    {
        var arrays = new List<double[]>(Weights.Count * 2);
        for (var layer = 0; layer < Weights.Count; layer++)
        {
            arrays.Add(Weights[layer].AsColumnMajorArray());
            arrays.Add(Biases[layer].AsArray());
        }

        return arrays;
    }
}
