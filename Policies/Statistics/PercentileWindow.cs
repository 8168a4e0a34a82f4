namespace HarvestOrleans.Policies;

/// <summary>
/// The most recent <c>capacity</c> samples and their percentiles. The sorted samples are kept until the next
/// <see cref="Add"/>, since a planner asks for several percentiles of the same samples on every plan. Not thread-safe.
/// </summary>
public sealed class PercentileWindow(int capacity)
{
    private readonly double[] _ring = new double[capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity))];
    private double[]? _sorted;
    private int _next;

    public int Count { get; private set; }

    public void Add(double value)
    {
        _ring[_next] = value;
        _sorted = null;
        _next = (_next + 1) % _ring.Length;
        Count = Math.Min(Count + 1, _ring.Length);
    }

    /// <summary>Nearest-rank percentile (q in [0,1]); null with no samples.</summary>
    public double? Percentile(double q)
    {
        if (Count == 0)
        {
            return null;
        }

        var sorted = Sorted();
        var rank = (int)Math.Ceiling(q * Count) - 1;
        return sorted[Math.Clamp(rank, 0, Count - 1)];
    }

    public double? Mean() => Count == 0 ? null : _ring.AsSpan(0, Count).ToArray().Average();

    public double? Max() => Count == 0 ? null : Sorted()[^1];

    private double[] Sorted()
    {
        if (_sorted is null)
        {
            _sorted = _ring.AsSpan(0, Count).ToArray();
            Array.Sort(_sorted);
        }

        return _sorted;
    }

    /// <summary>The samples, oldest first: enough to rebuild the window elsewhere (e.g. after a grain migrates).</summary>
    public double[] Export()
    {
        var samples = new double[Count];
        var start = Count < _ring.Length ? 0 : _next;
        for (var i = 0; i < Count; i++)
        {
            samples[i] = _ring[(start + i) % _ring.Length];
        }

        return samples;
    }

    public void Import(IEnumerable<double> samples)
    {
        foreach (var sample in samples)
        {
            Add(sample);
        }
    }
}
