using MathNet.Numerics.LinearAlgebra;

namespace HarvestOrleans.Policies;

/// <summary>
/// A small fully connected network on MathNet.Numerics (TorchSharp does not load on our machines): layers of
/// <c>x·Wᵀ + b</c>, the hidden ones followed by <see cref="NetworkActivation"/>, the last linear. A batch is a matrix,
/// one row per sample. <see cref="Forward"/> keeps what <see cref="Backward"/> needs; neither changes the network, so
/// many threads may run forward passes at once while nothing trains it. Training changes <see cref="Parameters"/> in place.
/// </summary>
public sealed class Mlp
{
    private readonly Matrix<double>[] _weights; // layer l: outputs × inputs
    private readonly Vector<double>[] _biases;
    private readonly int[] _layerSizes;

    /// <summary>
    /// A network with Glorot-uniform weights from <paramref name="random"/> and zero biases; the last layer's weights are
    /// scaled by <paramref name="outputScale"/> (a small one starts a policy near uniform, as PPO implementations do).
    /// </summary>
    /// <param name="layerSizes">Inputs, then each layer's outputs: at least two sizes, each at least 1.</param>
    public Mlp(IReadOnlyList<int> layerSizes, NetworkActivation activation, Random random, double outputScale = 1)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        ArgumentNullException.ThrowIfNull(random);
        if (layerSizes.Count < 2 || layerSizes.Any(size => size < 1))
        {
            throw new ArgumentException("A network needs at least an input and an output size, each at least 1.", nameof(layerSizes));
        }

        _layerSizes = [.. layerSizes];
        Activation = activation;
        var layers = _layerSizes.Length - 1;
        _weights = new Matrix<double>[layers];
        _biases = new Vector<double>[layers];
        for (var layer = 0; layer < layers; layer++)
        {
            int inputs = _layerSizes[layer], outputs = _layerSizes[layer + 1];
            var limit = Math.Sqrt(6.0 / (inputs + outputs)) * (layer == layers - 1 ? outputScale : 1);
            _weights[layer] = Matrix<double>.Build.Dense(outputs, inputs, (_, _) => (2 * random.NextDouble() - 1) * limit);
            _biases[layer] = Vector<double>.Build.Dense(outputs);
        }
    }

    private Mlp(int[] layerSizes, NetworkActivation activation, Matrix<double>[] weights, Vector<double>[] biases)
    {
        _layerSizes = layerSizes;
        Activation = activation;
        _weights = weights;
        _biases = biases;
    }

    /// <summary>Inputs, then each layer's outputs.</summary>
    public IReadOnlyList<int> LayerSizes => _layerSizes;

    /// <summary>The hidden layers' non-linearity.</summary>
    public NetworkActivation Activation { get; }

    /// <summary>Values one sample has.</summary>
    public int InputCount => _layerSizes[0];

    /// <summary>Values the network gives per sample.</summary>
    public int OutputCount => _layerSizes[^1];

    /// <summary>Weights and biases in all.</summary>
    public int ParameterCount => _weights.Sum(w => w.RowCount * w.ColumnCount) + _biases.Sum(b => b.Count);

    /// <summary>
    /// The arrays the weights and biases live in, [W₀, b₀, W₁, b₁, ...] (weights column-major): writing to them changes
    /// the network, which is how optimisers step it. <see cref="MlpGradient.Arrays"/> pairs with them index for index.
    /// </summary>
    public IReadOnlyList<double[]> Parameters()
    {
        var arrays = new List<double[]>(_weights.Length * 2);
        for (var layer = 0; layer < _weights.Length; layer++)
        {
            arrays.Add(_weights[layer].AsColumnMajorArray());
            arrays.Add(_biases[layer].AsArray());
        }

        return arrays;
    }

    /// <summary>Runs the network on <paramref name="input"/> (one row per sample, <see cref="InputCount"/> columns).</summary>
    public MlpForward Forward(Matrix<double> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.ColumnCount != InputCount)
        {
            throw new ArgumentException($"The network takes {InputCount} inputs per sample, was given {input.ColumnCount}.", nameof(input));
        }

        var activations = new Matrix<double>[_weights.Length + 1];
        activations[0] = input;
        for (var layer = 0; layer < _weights.Length; layer++)
        {
            var z = activations[layer].TransposeAndMultiply(_weights[layer]);
            var bias = _biases[layer];
            var hidden = layer < _weights.Length - 1;
            var activation = Activation;
            z.MapIndexedInplace((_, column, value) =>
            {
                var sum = value + bias[column];
                return !hidden ? sum : activation == NetworkActivation.Tanh ? Math.Tanh(sum) : Math.Max(0, sum);
            }, Zeros.Include);
            activations[layer + 1] = z;
        }

        return new MlpForward(activations);
    }

    /// <summary>
    /// Back-propagates <paramref name="outputGradient"/> (∂loss/∂output, the shape of <paramref name="forward"/>'s
    /// output) through the pass: ∂loss/∂W = Gᵀ·A, ∂loss/∂b = Σ rows of G, then G·W times the activation's derivative.
    /// </summary>
    public MlpGradient Backward(MlpForward forward, Matrix<double> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (outputGradient.RowCount != forward.Output.RowCount || outputGradient.ColumnCount != OutputCount)
        {
            throw new ArgumentException("The output gradient must have the forward pass's output shape.", nameof(outputGradient));
        }

        var weights = new Matrix<double>[_weights.Length];
        var biases = new Vector<double>[_weights.Length];
        var gradient = outputGradient;
        for (var layer = _weights.Length - 1; layer >= 0; layer--)
        {
            var input = forward.Activations[layer];
            weights[layer] = gradient.TransposeThisAndMultiply(input);
            biases[layer] = gradient.ColumnSums();
            if (layer == 0)
            {
                break;
            }

            gradient = gradient * _weights[layer];

            // The derivative from the layer's own output: tanh' = 1 − tanh², relu' = [output > 0].
            var tanh = Activation == NetworkActivation.Tanh;
            gradient.MapIndexedInplace((row, column, value) =>
            {
                var output = input[row, column];
                return tanh ? value * (1 - output * output) : output > 0 ? value : 0;
            }, Zeros.Include);
        }

        return new MlpGradient(weights, biases);
    }

    /// <summary>An independent copy (training one leaves the other as it was).</summary>
    public Mlp Clone() => new([.. _layerSizes], Activation, [.. _weights.Select(w => w.Clone())], [.. _biases.Select(b => b.Clone())]);

    /// <summary>The weights as plain arrays (see <see cref="MlpState"/>).</summary>
    public MlpState Export() => new()
    {
        LayerSizes = [.. _layerSizes],
        Activation = Activation,
        Weights = [.. _weights.Select(w => w.ToRowMajorArray())],
        Biases = [.. _biases.Select(b => b.ToArray())],
    };

    /// <summary>The network <paramref name="state"/> describes.</summary>
    /// <exception cref="FormatException">The arrays do not match the layer sizes.</exception>
    public static Mlp Import(MlpState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var sizes = state.LayerSizes ?? throw new FormatException("The network has no layer sizes.");
        var layers = sizes.Length - 1;
        if (layers < 1 || sizes.Any(size => size < 1) || state.Weights?.Length != layers || state.Biases?.Length != layers)
        {
            throw new FormatException("The network's layer sizes, weights and biases do not agree.");
        }

        var weights = new Matrix<double>[layers];
        var biases = new Vector<double>[layers];
        for (var layer = 0; layer < layers; layer++)
        {
            int inputs = sizes[layer], outputs = sizes[layer + 1];
            if (state.Weights[layer]?.Length != inputs * outputs || state.Biases[layer]?.Length != outputs)
            {
                throw new FormatException($"Layer {layer} must have {outputs}×{inputs} weights and {outputs} biases.");
            }

            if (state.Weights[layer].Any(v => !double.IsFinite(v)) || state.Biases[layer].Any(v => !double.IsFinite(v)))
            {
                throw new FormatException($"Layer {layer} has a weight that is not a finite number.");
            }

            weights[layer] = Matrix<double>.Build.DenseOfRowMajor(outputs, inputs, state.Weights[layer]);
            biases[layer] = Vector<double>.Build.DenseOfArray([.. state.Biases[layer]]);
        }

        return new Mlp([.. sizes], state.Activation, weights, biases);
    }
}
