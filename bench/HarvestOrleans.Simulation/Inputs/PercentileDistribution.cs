namespace HarvestOrleans.Simulation.Inputs;

/// <summary>
/// A distribution given by points of its CDF (percentile, value), as the Azure 2019 trace publishes durations
/// (p0/1/25/50/75/99/100) and memory (p1/5/25/50/75/95/99/100). Samples by inverse transform, linear between points,
/// so a sample never leaves [first value, last value].
/// </summary>
public sealed class PercentileDistribution
{
    private readonly double[] _quantiles;
    private readonly double[] _values;

    /// <param name="points">(percentile in [0, 100], value) pairs; sorted here, at least one.</param>
    public PercentileDistribution(IEnumerable<(double Percentile, double Value)> points)
    {
        var sorted = points.OrderBy(p => p.Percentile).ToArray();
        if (sorted.Length == 0 || sorted.Any(p => !(p.Percentile is >= 0 and <= 100) || !double.IsFinite(p.Value) || p.Value < 0))
        {
            throw new ArgumentException("A percentile distribution needs at least one (percentile in [0, 100], finite non-negative value) point.", nameof(points));
        }

        _quantiles = [.. sorted.Select(p => p.Percentile / 100)];
        _values = new double[sorted.Length];
        var max = 0.0;
        for (var i = 0; i < sorted.Length; i++)
        {
            max = Math.Max(max, sorted[i].Value); // published percentiles of a heavy tail can dip: keep the CDF monotone
            _values[i] = max;
        }
    }

    /// <summary>A distribution that always gives <paramref name="value"/>.</summary>
    public static PercentileDistribution Constant(double value) => new([(50, value)]);

    /// <summary>The value at quantile <paramref name="q"/> in [0, 1].</summary>
    public double Quantile(double q)
    {
        if (q <= _quantiles[0])
        {
            return _values[0];
        }

        for (var i = 1; i < _quantiles.Length; i++)
        {
            if (q <= _quantiles[i])
            {
                var span = _quantiles[i] - _quantiles[i - 1];
                var t = span <= 0 ? 1 : (q - _quantiles[i - 1]) / span;
                return _values[i - 1] + (t * (_values[i] - _values[i - 1]));
            }
        }

        return _values[^1];
    }

    /// <summary>One sample.</summary>
    public double Sample(Random random) => Quantile(random.NextDouble());

    /// <summary>The median.</summary>
    public double Median => Quantile(0.5);
}
