using HarvestOrleans.Routing;
using HarvestOrleans.Functions;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Routing;

/// <summary>
/// What a function's usage reports say about it: its rate (rps over a window), its CPU statistics and execution times
/// (<see cref="CpuProfile"/>: reqCpu, CPU limit and execution estimate for either policy mode; p99 and max for the
/// eviction policy) and its lifetime counts. It is the input of every plan, and moves with its FunctionGrain when that
/// migrates.
/// </summary>
internal sealed class FunctionProfile(TimeSpan rateWindow, int executionSamples)
{
    private readonly RateEstimator _rate = new((long)rateWindow.TotalMilliseconds);
    private readonly CpuProfile _cpu = new(executionSamples);

    public long Invocations { get; private set; }

    public long Overloads { get; private set; }

    public long Evictions { get; private set; }

    /// <summary>p75 execution time in ms (0 before any sample).</summary>
    public double ExecutionP75Ms => _cpu.ExecutionMs.Percentile(0.75) ?? 0;

    public double Rps(long nowMs) => _rate.Rate(nowMs);

    public void Add(long nowMs, FunctionUsageReport report)
    {
        _rate.Add(nowMs, report.Count, report.IntervalMs);
        Invocations += report.Count;
        Overloads += report.Overloads;
        Evictions += report.Evictions;
        _cpu.AddReport(report.ExecutionMs, report.CpuCores);
    }

    /// <summary>The CPU estimate a plan in <paramref name="mode"/> uses.</summary>
    public CpuEstimate Cpu(FunctionSpec spec, PolicyMode mode) => _cpu.Estimate(mode, spec.Cores);

    /// <summary>What the balancing policy plans for, in <paramref name="mode"/>.</summary>
    public FunctionDemand Demand(string name, FunctionSpec spec, PolicyMode mode, long nowMs)
    {
        var cpu = Cpu(spec, mode);
        return new FunctionDemand(name, _rate.Rate(nowMs), cpu.ExecutionMs / 1000.0, cpu.ReqCpu, spec.MemoryMb)
        {
            CpuLimit = cpu.CpuLimit,
            CpuP75 = cpu.CpuP75,
            Profiled = cpu.Profiled,
        };
    }

    /// <summary>What the eviction policy judges.</summary>
    public FunctionEvictionProfile EvictionProfile(FunctionSpec spec) => new(
        spec.LongRunning,
        _cpu.ExecutionMs.Percentile(0.99) / 1000.0,
        _cpu.ExecutionMs.Max() / 1000.0,
        Invocations,
        Evictions);

    /// <summary>Adds this profile to a migration state.</summary>
    public FunctionGrainMigrationState ExportTo(FunctionGrainMigrationState state)
    {
        var rate = _rate.Export();
        var cpu = _cpu.Export();
        return state with
        {
            RateStartMs = rate.Select(r => r.StartMs).ToArray(),
            RateAtMs = rate.Select(r => r.AtMs).ToArray(),
            RateCounts = rate.Select(r => r.Count).ToArray(),
            ExecutionMs = cpu.ExecutionMs,
            CpuCores = cpu.Cores,
            PaperCpuBins = cpu.Paper.CpuBins,
            PaperNewSamples = cpu.Paper.NewSamples,
            PaperCpuTimeProduct = cpu.Paper.CpuTimeProduct,
            PaperExecutionMsSum = cpu.Paper.ExecutionMsSum,
            PaperCpuUtil = cpu.Paper.CpuUtil,
            PaperCpuLimit = cpu.Paper.CpuLimit,
            PaperExecutionMs = cpu.Paper.ExecutionMs,
            PaperJsqNewSamples = cpu.Paper.JsqNewSamples,
            PaperCpuP75 = cpu.Paper.CpuP75,
            Invocations = Invocations,
            Overloads = Overloads,
            Evictions = Evictions,
        };
    }

    public void Import(FunctionGrainMigrationState s)
    {
        _rate.Import(s.RateAtMs.Select((at, i) => new RateEstimator.Report(i < s.RateStartMs.Length ? s.RateStartMs[i] : at, at, s.RateCounts[i])));
        _cpu.Import(new CpuProfileState(
            s.ExecutionMs,
            s.CpuCores,
            new PaperCpuProfileState(s.PaperCpuBins, s.PaperNewSamples, s.PaperCpuTimeProduct, s.PaperExecutionMsSum, s.PaperCpuUtil, s.PaperCpuLimit, s.PaperExecutionMs, s.PaperJsqNewSamples, s.PaperCpuP75)));
        (Invocations, Overloads, Evictions) = (s.Invocations, s.Overloads, s.Evictions);
    }
}
