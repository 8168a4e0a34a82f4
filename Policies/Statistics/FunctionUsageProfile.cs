namespace HarvestOrleans.Policies;

/// <summary>
/// What a function's usage reports say about it: its rate (rps over a window), its CPU statistics and execution times
/// (<see cref="CpuProfile"/>: reqCpu, CPU limit and execution estimate for either policy mode; p99 and max for the
/// eviction policy) and its lifetime counts. The input of every plan, in the silos (a FunctionGrain's) and in the
/// simulator alike. Not thread-safe: owned by one planner.
/// </summary>
public sealed class FunctionUsageProfile(long rateWindowMs, int executionSamples)
{
    private readonly RateEstimator _rate = new(rateWindowMs);
    private readonly RateEstimator _keepAliveRate = new(FunctionRates.DEFAULT_WINDOW_MS);
    private readonly CpuProfile _cpu = new(executionSamples);

    public long Invocations { get; private set; }

    public long Overloads { get; private set; }

    public long Evictions { get; private set; }

    /// <summary>p75 execution time in ms (0 before any sample).</summary>
    public double ExecutionP75Ms => _cpu.ExecutionMs.Percentile(0.75) ?? 0;

    public double Rps(long nowMs) => _rate.Rate(nowMs);

    /// <summary>
    /// The rate over the keep-alive's 10 min (<see cref="FunctionRates.DEFAULT_WINDOW_MS"/>), not the plan's short window:
    /// above zero for a function called rarely but recently enough to be kept warm — what a joining VM ranks by.
    /// </summary>
    public double KeepAliveRps(long nowMs) => _keepAliveRate.Rate(nowMs);

    /// <summary>
    /// Adds one usage report received at <paramref name="nowMs"/>: <paramref name="count"/> invocations over the
    /// <paramref name="intervalMs"/> before it, with a sample of their execution times and measured cores (index-aligned).
    /// </summary>
    public void Add(long nowMs, long count, long intervalMs, long overloads, long evictions, IReadOnlyList<float> executionMs, IReadOnlyList<float> cpuCores)
    {
        _rate.Add(nowMs, count, intervalMs);
        _keepAliveRate.Add(nowMs, count, intervalMs);
        Invocations += count;
        Overloads += overloads;
        Evictions += evictions;
        _cpu.AddReport(executionMs, cpuCores);
    }

    /// <summary>The CPU estimate a plan in <paramref name="mode"/> uses, for a function declaring <paramref name="declaredCores"/>.</summary>
    public CpuEstimate Cpu(double declaredCores, PolicyMode mode) => _cpu.Estimate(mode, declaredCores);

    /// <summary>What the balancing policy plans for, in <paramref name="mode"/>.</summary>
    public FunctionDemand Demand(string name, double declaredCores, double memoryMb, PolicyMode mode, long nowMs)
    {
        var cpu = Cpu(declaredCores, mode);
        return new FunctionDemand(name, _rate.Rate(nowMs), cpu.ExecutionMs / 1000.0, cpu.ReqCpu, memoryMb)
        {
            CpuLimit = cpu.CpuLimit,
            CpuP75 = cpu.CpuP75,
            Profiled = cpu.Profiled,
        };
    }

    /// <summary>What the eviction policy judges.</summary>
    public FunctionEvictionProfile EvictionProfile(bool declaredLong) => new(
        declaredLong,
        _cpu.ExecutionMs.Percentile(0.99) / 1000.0,
        _cpu.ExecutionMs.Max() / 1000.0,
        Invocations,
        Evictions);

    /// <summary>Everything the profile holds, to move it with its owner.</summary>
    public FunctionUsageProfileState Export() => new(_rate.Export(), _cpu.Export(), Invocations, Overloads, Evictions) { KeepAliveRate = _keepAliveRate.Export() };

    /// <summary>Restores what <see cref="Export"/> gave.</summary>
    public void Import(FunctionUsageProfileState state)
    {
        _rate.Import(state.Rate);
        _keepAliveRate.Import(state.KeepAliveRate);
        _cpu.Import(state.Cpu);
        (Invocations, Overloads, Evictions) = (state.Invocations, state.Overloads, state.Evictions);
    }
}

/// <summary>A <see cref="FunctionUsageProfile"/>'s contents.</summary>
public sealed record FunctionUsageProfileState(IReadOnlyList<RateEstimator.Report> Rate, CpuProfileState Cpu, long Invocations, long Overloads, long Evictions)
{
    /// <summary>The reports of the keep-alive's rate (<see cref="FunctionUsageProfile.KeepAliveRps"/>).</summary>
    public IReadOnlyList<RateEstimator.Report> KeepAliveRate { get; init; } = [];
}
