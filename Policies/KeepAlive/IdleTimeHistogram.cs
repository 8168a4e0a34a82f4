namespace HarvestOrleans.Policies;

/// <summary>
/// A function's idle times (from the end of one invocation to the start of the next) in fixed-width bins; idle times
/// beyond the last bin are counted as out of bounds.
/// </summary>
public sealed class IdleTimeHistogram(TimeSpan binWidth, int binCount)
{
    private readonly long[] _bins = new long[binCount];

    public TimeSpan BinWidth { get; } = binWidth > TimeSpan.Zero ? binWidth : throw new ArgumentOutOfRangeException(nameof(binWidth));

    public TimeSpan Range => BinWidth * _bins.Length;

    /// <summary>Idle times inside the range.</summary>
    public long Count { get; private set; }

    public long OutOfBounds { get; private set; }

    public void Add(TimeSpan idle)
    {
        var bin = (long)(Math.Max(0, idle.Ticks) / BinWidth.Ticks);
        if (bin >= _bins.Length)
        {
            OutOfBounds++;
            return;
        }

        _bins[bin]++;
        Count++;
    }

    /// <summary>The start of the bin holding the <paramref name="percentile"/> (0–100) idle time; lower edge for a head, upper edge for a tail.</summary>
    public TimeSpan Percentile(double percentile, bool upperEdge)
    {
        if (Count == 0)
        {
            return TimeSpan.Zero;
        }

        var target = Math.Max(1, (long)Math.Ceiling(Count * percentile / 100.0));
        long seen = 0;
        for (var i = 0; i < _bins.Length; i++)
        {
            seen += _bins[i];
            if (seen >= target)
            {
                return BinWidth * (upperEdge ? i + 1 : i);
            }
        }

        return Range;
    }

    /// <summary>Coefficient of variation of the bin counts: high when idle times bunch into a few bins (a predictable pattern).</summary>
    public double BinCountCv()
    {
        var mean = (double)Count / _bins.Length;
        if (mean == 0)
        {
            return 0;
        }

        var variance = _bins.Sum(b => (b - mean) * (b - mean)) / _bins.Length;
        return Math.Sqrt(variance) / mean;
    }
}
