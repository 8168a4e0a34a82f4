namespace HarvestOrleans.Policies;

/// <summary>
/// Adam (Kingma and Ba, 2015) with bias correction: per parameter, moving averages of the gradient and its square
/// scale each step. Steps the arrays it is given in place; the moments are sized on the first step and must keep
/// their shapes after it. Not thread-safe.
/// </summary>
public sealed class AdamOptimizer
{
    /// <summary>The default of the first moment's decay, 0.9 (the paper's).</summary>
    public const double DEFAULT_BETA1 = 0.9;

    /// <summary>The default of the second moment's decay, 0.999 (the paper's).</summary>
    public const double DEFAULT_BETA2 = 0.999;

    /// <summary>The default of the denominator's guard, 1e-8 (the paper's).</summary>
    public const double DEFAULT_EPSILON = 1e-8;

    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _epsilon;
    private double[][]? _first;
    private double[][]? _second;

    /// <summary>An optimiser with step size <paramref name="learningRate"/> (&gt; 0).</summary>
    public AdamOptimizer(double learningRate, double beta1 = DEFAULT_BETA1, double beta2 = DEFAULT_BETA2, double epsilon = DEFAULT_EPSILON)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        if (beta1 is < 0 or >= 1 || beta2 is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), "Adam's decays must be in [0, 1).");
        }

        LearningRate = learningRate;
        (_beta1, _beta2, _epsilon) = (beta1, beta2, epsilon);
    }

    /// <summary>The step size.</summary>
    public double LearningRate { get; }

    /// <summary>Steps taken so far.</summary>
    public long Steps { get; private set; }

    /// <summary>One step: moves every value of <paramref name="parameters"/> against its <paramref name="gradients"/>.</summary>
    public void Step(IReadOnlyList<double[]> parameters, IReadOnlyList<double[]> gradients)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(gradients);
        if (parameters.Count != gradients.Count)
        {
            throw new ArgumentException("Every parameter array needs its gradient.", nameof(gradients));
        }

        _first ??= [.. parameters.Select(p => new double[p.Length])];
        _second ??= [.. parameters.Select(p => new double[p.Length])];
        if (_first.Length != parameters.Count)
        {
            throw new ArgumentException("The parameters changed shape since the first step.", nameof(parameters));
        }

        Steps++;
        var correction1 = 1 - Math.Pow(_beta1, Steps);
        var correction2 = 1 - Math.Pow(_beta2, Steps);
        for (var i = 0; i < parameters.Count; i++)
        {
            double[] values = parameters[i], gradient = gradients[i], first = _first[i], second = _second[i];
            if (values.Length != first.Length || gradient.Length != first.Length)
            {
                throw new ArgumentException($"Parameter array {i} changed shape or its gradient does not match it.", nameof(gradients));
            }

            for (var j = 0; j < values.Length; j++)
            {
                first[j] = _beta1 * first[j] + (1 - _beta1) * gradient[j];
                second[j] = _beta2 * second[j] + (1 - _beta2) * gradient[j] * gradient[j];
                values[j] -= LearningRate * (first[j] / correction1) / (Math.Sqrt(second[j] / correction2) + _epsilon);
            }
        }
    }
}
