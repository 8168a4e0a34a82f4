namespace HarvestOrleans.Policies;

/// <summary>
/// Invocations per second over a sliding time window, fed with counts as they are reported. Unlike the original
/// (which closes windows only on arrivals, in milliseconds mistaken for seconds), an idle function decays to 0.
/// Not thread-safe: owned by one grain activation.
/// </summary>
public sealed class RateEstimator(long windowMs)
{
    private readonly Queue<(long AtMs, long Count)> _samples = new();
    private long _total;
    private long _firstMs = -1;

    public long WindowMs { get; } = windowMs > 0 ? windowMs : throw new ArgumentOutOfRangeException(nameof(windowMs));

    public void Add(long nowMs, long count)
    {
        if (_firstMs < 0)
        {
            _firstMs = nowMs;
        }

        _samples.Enqueue((nowMs, count));
        _total += count;
        Evict(nowMs);
    }

    public double Rate(long nowMs)
    {
        Evict(nowMs);
        if (_firstMs < 0)
        {
            return 0;
        }

        // While younger than one window, divide by the time actually observed (at least one report interval's worth).
        var span = Math.Clamp(nowMs - _firstMs, 1_000, WindowMs);
        return _total * 1000.0 / span;
    }

    /// <summary>The window's samples and start: enough to rebuild the estimator elsewhere.</summary>
    public (long FirstMs, (long AtMs, long Count)[] Samples) Export() => (_firstMs, _samples.ToArray());

    public void Import(long firstMs, IEnumerable<(long AtMs, long Count)> samples)
    {
        _firstMs = firstMs;
        foreach (var sample in samples)
        {
            _samples.Enqueue(sample);
            _total += sample.Count;
        }
    }

    private void Evict(long nowMs)
    {
        while (_samples.Count > 0 && nowMs - _samples.Peek().AtMs > WindowMs)
        {
            _total -= _samples.Dequeue().Count;
        }
    }
}
