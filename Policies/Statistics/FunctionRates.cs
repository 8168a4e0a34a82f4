namespace HarvestOrleans.Policies;

/// <summary>
/// The recent invocation rate of each function on one VM, from the counts it reports (a <see cref="RateEstimator"/> per
/// function): how hot each of its warm functions is when the VM gets a notice. Thread-safe.
/// </summary>
public sealed class FunctionRates(long windowMs = FunctionRates.DEFAULT_WINDOW_MS)
{
    /// <summary>
    /// The default window: 10 min, the warm pool's default keep-alive, so a function kept warm because it was called
    /// within it counts, however rarely it is called.
    /// </summary>
    public const long DEFAULT_WINDOW_MS = 600_000;

    private readonly Dictionary<string, RateEstimator> _rates = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="count"/> invocations of <paramref name="function"/> over the <paramref name="intervalMs"/> before <paramref name="nowMs"/>.</summary>
    public void Add(string function, long nowMs, long count, long intervalMs)
    {
        lock (_rates)
        {
            if (!_rates.TryGetValue(function, out var rate))
            {
                _rates[function] = rate = new RateEstimator(windowMs);
            }

            rate.Add(nowMs, count, intervalMs);
        }
    }

    /// <summary>The rate (per second) of each of <paramref name="functions"/> at <paramref name="nowMs"/> (0 if unknown).</summary>
    public KeyValuePair<string, double>[] Of(IEnumerable<string> functions, long nowMs)
    {
        lock (_rates)
        {
            return [.. functions.Select(f => KeyValuePair.Create(f, _rates.TryGetValue(f, out var rate) ? rate.Rate(nowMs) : 0))];
        }
    }
}
