using MathNet.Numerics.LinearAlgebra;

namespace HarvestOrleans.UnitTests.Policies;

[Trait("Category", "Unit")]
public sealed class MlpTests
{
    private static Matrix<double> RandomMatrix(int rows, int columns, Random random) =>
        Matrix<double>.Build.Dense(rows, columns, (_, _) => 2 * random.NextDouble() - 1);

    [Theory]
    [InlineData(NetworkActivation.Tanh)]
    [InlineData(NetworkActivation.Relu)]
    public void Backward_matches_finite_differences_for_every_weight_and_bias(NetworkActivation activation)
    {
        var random = new Random(7);
        var network = new Mlp([4, 6, 5, 3], activation, random);
        var input = RandomMatrix(5, 4, random);
        var weights = RandomMatrix(5, 3, random); // loss = Σ weights ⊙ output: ∂loss/∂output = weights
        double Loss() => network.Forward(input).Output.PointwiseMultiply(weights).Enumerate().Sum();

        var gradient = network.Backward(network.Forward(input), weights).Arrays();

        Assert.Equal(network.ParameterCount, gradient.Sum(g => g.Length));
        Assert.True(gradient.Any(g => g.Any(v => Math.Abs(v) > 1e-3)), "The gradient must not be trivially zero.");
        Assert.InRange(GradientCheck.MaxRelativeError(network.Parameters(), gradient, Loss), 0, 1e-6);
    }

    [Fact]
    public void The_hidden_layers_apply_the_activation_and_the_output_layer_is_linear()
    {
        var network = Mlp.Import(new MlpState
        {
            LayerSizes = [1, 1, 1],
            Activation = NetworkActivation.Relu,
            Weights = [[1], [-2]],
            Biases = [[0], [0.5]],
        });

        var output = network.Forward(Matrix<double>.Build.DenseOfRowArrays([3.0], [-3.0])).Output;

        Assert.Equal(-5.5, output[0, 0], 12); // relu(3) · −2 + 0.5
        Assert.Equal(0.5, output[1, 0], 12);  // relu(−3) = 0; a linear output stays negative or positive as it is
    }

    [Fact]
    public void Export_and_import_give_the_same_network_and_a_clone_is_independent()
    {
        var random = new Random(3);
        var network = new Mlp([3, 4, 2], NetworkActivation.Tanh, random);
        var input = RandomMatrix(2, 3, random);

        var imported = Mlp.Import(network.Export());
        var clone = network.Clone();
        network.Parameters()[0][0] += 1;

        Assert.Equal(clone.Forward(input).Output, imported.Forward(input).Output);
        Assert.NotEqual(network.Forward(input).Output, clone.Forward(input).Output);
    }

    [Fact]
    public void A_state_whose_arrays_do_not_fit_its_layers_is_refused()
    {
        var state = new Mlp([3, 2], NetworkActivation.Tanh, new Random(1)).Export();

        Assert.Throws<FormatException>(() => Mlp.Import(state with { Weights = [[1, 2, 3]] }));
        Assert.Throws<FormatException>(() => Mlp.Import(state with { Biases = [[double.NaN, 0]] }));
    }

    [Fact]
    public void Adam_finds_the_minimum_of_a_quadratic()
    {
        var x = new[] { 5.0, -3.0 };
        var adam = new AdamOptimizer(0.1);
        for (var step = 0; step < 500; step++)
        {
            adam.Step([x], [[2 * (x[0] - 1), 2 * (x[1] + 2)]]); // ∇ of (x₀ − 1)² + (x₁ + 2)²
        }

        Assert.InRange(x[0], 0.99, 1.01);
        Assert.InRange(x[1], -2.01, -1.99);
        Assert.Equal(500, adam.Steps);
    }
}
