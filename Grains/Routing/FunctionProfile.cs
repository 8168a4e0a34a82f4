using HarvestOrleans.Routing;
using HarvestOrleans.Functions;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Routing;

/// <summary>
/// A FunctionGrain's <see cref="FunctionUsageProfile"/> (the pure statistics every plan reads, shared with the
/// simulator), fed with the invokers' usage reports, read with the function's spec, and moved with the grain when it
/// migrates.
/// </summary>
internal sealed class FunctionProfile(TimeSpan rateWindow, int executionSamples)
{
    private readonly FunctionUsageProfile _usage = new((long)rateWindow.TotalMilliseconds, executionSamples);

    /// <summary>The statistics plans read.</summary>
    public FunctionUsageProfile Usage => _usage;

    public long Invocations => _usage.Invocations;

    public long Overloads => _usage.Overloads;

    public long Evictions => _usage.Evictions;

    /// <summary>p75 execution time in ms (0 before any sample).</summary>
    public double ExecutionP75Ms => _usage.ExecutionP75Ms;

    public double Rps(long nowMs) => _usage.Rps(nowMs);

    /// <summary>The rate over the keep-alive's 10 min (see <see cref="FunctionUsageProfile.KeepAliveRps"/>).</summary>
    public double KeepAliveRps(long nowMs) => _usage.KeepAliveRps(nowMs);

    public void Add(long nowMs, FunctionUsageReport report) =>
        _usage.Add(nowMs, report.Count, report.IntervalMs, report.Overloads, report.Evictions, report.ExecutionMs, report.CpuCores);

    /// <summary>The CPU estimate a plan in <paramref name="mode"/> uses.</summary>
    public CpuEstimate Cpu(FunctionSpec spec, PolicyMode mode) => _usage.Cpu(spec.Cores, mode);

    /// <summary>What the balancing policy plans for, in <paramref name="mode"/>.</summary>
    public FunctionDemand Demand(string name, FunctionSpec spec, PolicyMode mode, long nowMs) => _usage.Demand(name, spec.Cores, spec.MemoryMb, mode, nowMs);

    /// <summary>What the eviction policy judges.</summary>
    public FunctionEvictionProfile EvictionProfile(PlannedFunction function) => _usage.EvictionProfile(function.LongLived);

    /// <summary>Adds this profile to a migration state.</summary>
    public FunctionGrainMigrationState ExportTo(FunctionGrainMigrationState state)
    {
        var usage = _usage.Export();
        var rate = usage.Rate;
        var cpu = usage.Cpu;
        return state with
        {
            RateStartMs = rate.Select(r => r.StartMs).ToArray(),
            RateAtMs = rate.Select(r => r.AtMs).ToArray(),
            RateCounts = rate.Select(r => r.Count).ToArray(),
            KeepAliveRateStartMs = usage.KeepAliveRate.Select(r => r.StartMs).ToArray(),
            KeepAliveRateAtMs = usage.KeepAliveRate.Select(r => r.AtMs).ToArray(),
            KeepAliveRateCounts = usage.KeepAliveRate.Select(r => r.Count).ToArray(),
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
            Invocations = usage.Invocations,
            Overloads = usage.Overloads,
            Evictions = usage.Evictions,
        };
    }

    public void Import(FunctionGrainMigrationState s) => _usage.Import(new FunctionUsageProfileState(
        [.. s.RateAtMs.Select((at, i) => new RateEstimator.Report(i < s.RateStartMs.Length ? s.RateStartMs[i] : at, at, s.RateCounts[i]))],
        new CpuProfileState(
            s.ExecutionMs,
            s.CpuCores,
            new PaperCpuProfileState(s.PaperCpuBins, s.PaperNewSamples, s.PaperCpuTimeProduct, s.PaperExecutionMsSum, s.PaperCpuUtil, s.PaperCpuLimit, s.PaperExecutionMs, s.PaperJsqNewSamples, s.PaperCpuP75)),
        s.Invocations,
        s.Overloads,
        s.Evictions)
    {
        KeepAliveRate = [.. s.KeepAliveRateAtMs.Select((at, i) => new RateEstimator.Report(s.KeepAliveRateStartMs[i], at, s.KeepAliveRateCounts[i]))],
    });
}
