namespace HarvestOrleans.Simulation.Output;

/// <summary>
/// A run's figures, aggregated as records arrive (nothing per invocation is kept): counts by status and error, cold
/// starts and overloads among invocations that ran, latency and queue-wait histograms, and the VMs that ran each function.
/// </summary>
public sealed class SimulationStats
{
    private readonly Dictionary<string, long> _failures = new(StringComparer.Ordinal);
    private readonly HashSet<int>[] _vmsByFunction;

    public SimulationStats(int functions) => _vmsByFunction = [.. Enumerable.Range(0, functions).Select(_ => new HashSet<int>())];

    public long Invocations { get; private set; }

    public long Succeeded { get; private set; }

    public long Ran { get; private set; }

    public long ColdStarts { get; private set; }

    public long Overloads { get; private set; }

    public long Retried { get; private set; }

    public double CpuSeconds { get; private set; }

    /// <summary>Latency of successful invocations, ms.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Queue wait of invocations that ran, ms.</summary>
    public LatencyHistogram QueueWait { get; } = new();

    /// <summary>Each succeeded invocation's slowdown against running alone on its configured resources (<see cref="SimRecord.Slowdown"/>).</summary>
    public LatencyHistogram Slowdown { get; } = new();

    /// <summary>Invocations that ran with less of a resource than configured.</summary>
    public long Harvested { get; private set; }

    /// <summary>Invocations that ran with more cores than configured.</summary>
    public long Accelerated { get; private set; }

    /// <summary>Of the invocations that ran, the percentage harvested.</summary>
    public double HarvestedPct => Ran == 0 ? 0 : 100.0 * Harvested / Ran;

    /// <summary>Of the invocations that ran, the percentage accelerated.</summary>
    public double AcceleratedPct => Ran == 0 ? 0 : 100.0 * Accelerated / Ran;

    /// <summary>Failures by "Status/Error".</summary>
    public IReadOnlyDictionary<string, long> FailuresByStatus => _failures;

    public long Failures => Invocations - Succeeded;

    public double SuccessRate => Invocations == 0 ? double.NaN : (double)Succeeded / Invocations;

    public double ColdStartPct => Ran == 0 ? 0 : 100.0 * ColdStarts / Ran;

    public double OverloadPct => Ran == 0 ? 0 : 100.0 * Overloads / Ran;

    /// <summary>Distinct VMs that ran each function, averaged over the functions that ran.</summary>
    public double MeanVmsPerFunction
    {
        get
        {
            var ran = _vmsByFunction.Where(s => s.Count > 0).ToArray();
            return ran.Length == 0 ? 0 : ran.Average(s => s.Count);
        }
    }

    /// <summary>Counts one final record of function <paramref name="function"/> (an index) that ran on VM <paramref name="vm"/> (an index; -1: none).</summary>
    public void Add(in SimRecord record, int function, int vm)
    {
        Invocations++;
        if (record.Attempts > 1)
        {
            Retried++;
        }

        if (record.IsSuccess)
        {
            Succeeded++;
            Latency.Add(record.LatencyMs);
            if (double.IsFinite(record.Slowdown))
            {
                Slowdown.Add(record.Slowdown);
            }
        }
        else
        {
            var key = record.Error is null ? record.Status.ToString() : $"{record.Status}/{record.Error}";
            _failures[key] = _failures.GetValueOrDefault(key) + 1;
        }

        if (record.Ran)
        {
            Ran++;
            QueueWait.Add(record.QueueMs);
            CpuSeconds += record.CpuSeconds;
            ColdStarts += record.ColdStart ? 1 : 0;
            Overloads += record.Overload ? 1 : 0;
            Harvested += record.Harvested ? 1 : 0;
            Accelerated += record.Accelerated ? 1 : 0;
            if (vm >= 0)
            {
                _vmsByFunction[function].Add(vm);
            }
        }
    }
}
