using HarvestOrleans.Routing;
using HarvestOrleans.Functions;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Routing;

/// <summary>
/// What a function's usage reports say about it: its rate (rps over a window), a window of execution times (p75 for
/// demand, p99 and max for the eviction policy) and its lifetime counts. It is the input of every plan, and moves
/// with its FunctionGrain when that migrates.
/// </summary>
internal sealed class FunctionProfile(TimeSpan rateWindow, int executionSamples)
{
    private readonly RateEstimator _rate = new((long)rateWindow.TotalMilliseconds);
    private readonly PercentileWindow _executionMs = new(executionSamples);

    public long Invocations { get; private set; }

    public long Overloads { get; private set; }

    public long Evictions { get; private set; }

    /// <summary>p75 execution time in ms (0 before any sample).</summary>
    public double ExecutionP75Ms => _executionMs.Percentile(0.75) ?? 0;

    public double Rps(long nowMs) => _rate.Rate(nowMs);

    public void Add(long nowMs, FunctionUsageReport report)
    {
        _rate.Add(nowMs, report.Count);
        Invocations += report.Count;
        Overloads += report.Overloads;
        Evictions += report.Evictions;
        foreach (var ms in report.ExecutionMs)
        {
            _executionMs.Add(ms);
        }
    }

    /// <summary>What the balancing policy plans for.</summary>
    public FunctionDemand Demand(string name, FunctionSpec spec, long nowMs) => new(
        name,
        _rate.Rate(nowMs),
        (_executionMs.Percentile(0.75) ?? 0) / 1000.0,
        spec.Cores,
        spec.MemoryMb);

    /// <summary>What the eviction policy judges.</summary>
    public FunctionEvictionProfile EvictionProfile(FunctionSpec spec) => new(
        spec.LongRunning,
        _executionMs.Percentile(0.99) / 1000.0,
        _executionMs.Max() / 1000.0,
        Invocations,
        Evictions);

    /// <summary>Adds this profile to a migration state.</summary>
    public FunctionGrainMigrationState ExportTo(FunctionGrainMigrationState state)
    {
        var (firstMs, samples) = _rate.Export();
        return state with
        {
            RateFirstMs = firstMs,
            RateAtMs = samples.Select(s => s.AtMs).ToArray(),
            RateCounts = samples.Select(s => s.Count).ToArray(),
            ExecutionMs = _executionMs.Export(),
            Invocations = Invocations,
            Overloads = Overloads,
            Evictions = Evictions,
        };
    }

    public void Import(FunctionGrainMigrationState s)
    {
        _rate.Import(s.RateFirstMs, s.RateAtMs.Zip(s.RateCounts));
        _executionMs.Import(s.ExecutionMs);
        (Invocations, Overloads, Evictions) = (s.Invocations, s.Overloads, s.Evictions);
    }
}
