namespace HarvestOrleans.Policies;

/// <summary>
/// One function's usage on one VM since its last usage report: counts, and a bounded sample of the invocations'
/// execution times and measured average cores in index-aligned slots (reservoir sampling keeps the sample unbiased when
/// an interval has more invocations than slots). What an invoker reports to the function's planner, in the silos and in
/// the simulator. Not thread-safe.
/// </summary>
public sealed class UsageInterval(int maxSamples)
{
    /// <summary>The default of the sample's size per interval.</summary>
    public const int DEFAULT_MAX_SAMPLES = 64;

    private readonly List<float> _executionMs = [];
    private readonly List<float> _cores = [];

    public long Count { get; private set; }

    public long Overloads { get; private set; }

    public long Evictions { get; private set; }

    /// <summary>Sampled execution times (ms).</summary>
    public IReadOnlyList<float> ExecutionMs => _executionMs;

    /// <summary>Sampled average cores, slot for slot with <see cref="ExecutionMs"/>.</summary>
    public IReadOnlyList<float> Cores => _cores;

    /// <summary>Counts one invocation that ran; <paramref name="random"/> chooses its reservoir slot once the sample is full.</summary>
    public void Record(double executionMs, double averageCores, bool overload, bool evicted, Random random)
    {
        Count++;
        if (evicted)
        {
            Evictions++;
        }

        if (overload)
        {
            Overloads++;
        }

        if (_executionMs.Count < maxSamples)
        {
            _executionMs.Add((float)executionMs);
            _cores.Add((float)averageCores);
            return;
        }

        var slot = random.NextInt64(Count);
        if (slot < maxSamples)
        {
            _executionMs[(int)slot] = (float)executionMs;
            _cores[(int)slot] = (float)averageCores;
        }
    }

    /// <summary>Empties the interval for reuse.</summary>
    public void Clear()
    {
        (Count, Overloads, Evictions) = (0, 0, 0);
        _executionMs.Clear();
        _cores.Clear();
    }
}
