using System.Text.Json.Serialization;

namespace HarvestOrleans.Simulation.Inputs;

/// <summary>
/// Measured warm execution times of one function, in ms, at the percentiles the Azure 2019 trace publishes for
/// durations, so measured and traced functions read alike.
/// </summary>
public sealed record ExecutionPercentiles
{
    /// <summary>The percentiles given, in order.</summary>
    public static IReadOnlyList<double> Percentiles { get; } = [0, 1, 25, 50, 75, 99, 100];

    /// <summary>The fastest run.</summary>
    public required double P0 { get; init; }

    public required double P1 { get; init; }

    public required double P25 { get; init; }

    /// <summary>The median.</summary>
    public required double P50 { get; init; }

    public required double P75 { get; init; }

    public required double P99 { get; init; }

    /// <summary>The slowest run.</summary>
    public required double P100 { get; init; }

    /// <summary>The values, in the order of <see cref="Percentiles"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<double> Values => [P0, P1, P25, P50, P75, P99, P100];

    /// <summary>The distribution the simulator samples execution times from (linear between these points).</summary>
    public PercentileDistribution ToDistribution() => new(Percentiles.Zip(Values));

    /// <summary>Nearest-rank percentiles of <paramref name="samples"/> (at least one).</summary>
    public static ExecutionPercentiles Of(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("Percentiles need at least one sample.", nameof(samples));
        }

        double At(double percentile) => sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new ExecutionPercentiles { P0 = sorted[0], P1 = At(1), P25 = At(25), P50 = At(50), P75 = At(75), P99 = At(99), P100 = sorted[^1] };
    }
}
