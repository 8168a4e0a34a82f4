namespace HarvestOrleans.Simulation.Output;

/// <summary>
/// A streaming histogram of non-negative values (ms) with 1% relative precision, in the manner of HDR histograms:
/// log-spaced buckets from 1 µs to ~10⁷ ms, so memory does not grow with the number of values.
/// </summary>
public sealed class LatencyHistogram
{
    private const double Floor = 0.001;          // 1 µs
    private const double Growth = 1.01;           // 1% per bucket
    private static readonly double LogGrowth = Math.Log(Growth);
    private const int Buckets = 2400;             // 1 µs · 1.01^2400 ≈ 2·10⁷ ms

    private readonly long[] _counts = new long[Buckets + 1];

    public long Count { get; private set; }

    public double Sum { get; private set; }

    public double Max { get; private set; }

    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    public void Add(double value)
    {
        value = Math.Max(value, 0);
        _counts[Bucket(value)]++;
        Count++;
        Sum += value;
        Max = Math.Max(Max, value);
    }

    /// <summary>Adds every value of <paramref name="other"/>.</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Sum += other.Sum;
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>The value at <paramref name="percentile"/> (0-100), within 1%; NaN when empty.</summary>
    public double Percentile(double percentile)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(Value(i), Max);
            }
        }

        return Max;
    }

    /// <summary>(value, cumulative fraction) at every non-empty bucket: the CDF, for charts.</summary>
    public IEnumerable<(double Value, double Fraction)> Cdf()
    {
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] > 0)
            {
                seen += _counts[i];
                yield return (Math.Min(Value(i), Max), (double)seen / Count);
            }
        }
    }

    private static int Bucket(double value) =>
        value <= Floor ? 0 : Math.Min(Buckets, 1 + (int)(Math.Log(value / Floor) / LogGrowth));

    // The bucket's upper edge: a percentile never reads lower than the values it covers.
    private static double Value(int bucket) => bucket == 0 ? Floor : Floor * Math.Pow(Growth, bucket);
}
