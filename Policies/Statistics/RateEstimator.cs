namespace HarvestOrleans.Policies;

/// <summary>
/// Invocations per second over a sliding time window, fed with the counts of usage reports. Each report's count covers
/// the interval before it, (at − interval, at]: the rate is the counts of the reports whose interval ends inside the
/// window, over the time they cover (from the earliest covered start to now, at most one window). So a young estimate
/// divides by the time its reports really cover, one report per reporter sits at the window's edge, and reports from
/// several VMs may interleave. Unlike the original (which closes windows only on arrivals, in milliseconds mistaken for
/// seconds), an idle function decays to 0 within a window. Not thread-safe: owned by one grain activation.
/// </summary>
public sealed class RateEstimator(long windowMs)
{
    private readonly Queue<Report> _reports = new();
    private long _total;

    /// <summary>The window, in ms.</summary>
    public long WindowMs { get; } = windowMs > 0 ? windowMs : throw new ArgumentOutOfRangeException(nameof(windowMs));

    /// <summary>Adds a report received at <paramref name="nowMs"/> whose <paramref name="count"/> covers the <paramref name="intervalMs"/> before it.</summary>
    public void Add(long nowMs, long count, long intervalMs)
    {
        Enqueue(new Report(nowMs - Math.Max(intervalMs, 0), nowMs, count));
        Evict(nowMs);
    }

    /// <summary>Invocations per second at <paramref name="nowMs"/>; 0 with no report in the window.</summary>
    public double Rate(long nowMs)
    {
        Evict(nowMs);
        if (_reports.Count == 0)
        {
            return 0;
        }

        // Reporters are independent, so the report that arrived first need not cover the earliest time.
        var start = long.MaxValue;
        foreach (var report in _reports)
        {
            start = Math.Min(start, report.StartMs);
        }

        var span = Math.Min(nowMs - start, WindowMs);
        return span <= 0 ? 0 : _total * 1000.0 / span;
    }

    /// <summary>The window's reports, oldest first: enough to rebuild the estimator elsewhere.</summary>
    public Report[] Export() => _reports.ToArray();

    /// <summary>Adds exported reports (see <see cref="Export"/>).</summary>
    public void Import(IEnumerable<Report> reports)
    {
        foreach (var report in reports)
        {
            Enqueue(report);
        }
    }

    private void Enqueue(Report report)
    {
        _reports.Enqueue(report);
        _total += report.Count;
    }

    private void Evict(long nowMs)
    {
        // A report whose interval ends at or before the window's start covers nothing inside it.
        while (_reports.Count > 0 && _reports.Peek().AtMs <= nowMs - WindowMs)
        {
            _total -= _reports.Dequeue().Count;
        }
    }

    /// <summary>One report: <see cref="Count"/> invocations in (<see cref="StartMs"/>, <see cref="AtMs"/>].</summary>
    public readonly record struct Report(long StartMs, long AtMs, long Count);
}
