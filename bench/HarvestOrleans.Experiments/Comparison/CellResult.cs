using HarvestOrleans.Policies;
using HarvestOrleans.Experiments.Workloads;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.Experiments.Comparison;

/// <summary>A VM's cores and cores in use at one moment of a run.</summary>
public sealed record VmSample(double AtSeconds, string VmId, double Cores, double CoresInUse);

/// <summary>One policy on one scenario: the figures of the comparison table, from every invocation's record.</summary>
public sealed record CellResult(string Scenario, string Policy, double Seconds, IReadOnlyList<CompletedInvocation> Invocations, IReadOnlyList<VmSample> Samples)
{
    private IEnumerable<InvocationRecord> Records => Invocations.Select(i => i.Record);

    public int Count => Invocations.Count;

    public int Succeeded => Records.Count(r => r.IsSuccess);

    public double Throughput => Seconds > 0 ? Succeeded / Seconds : 0;

    public IReadOnlyList<double> SucceededLatencies => [.. Records.Where(r => r.IsSuccess).Select(r => r.LatencyMs).Order()];

    public double LatencyP(double percentile) => NearestRank.Of(SucceededLatencies, percentile / 100);

    /// <summary>
    /// The <paramref name="percentile"/>th age of the plan each placed invocation was placed with (its
    /// <see cref="InvocationRecord.PlanAgeMs"/>: how old its VM's load report was), in ms; NaN when none was placed.
    /// </summary>
    public double PlanAgeP(double percentile) => NearestRank.Of([.. Records.Where(r => r.PlanAgeMs > 0).Select(r => r.PlanAgeMs).Order()], percentile / 100);

    /// <summary>Invocations that started an instance, among those that ran.</summary>
    public double ColdStartPct => Percent(Records.Count(r => r.ColdStart), RanCount);

    /// <summary>Invocations given less of a resource than configured (the resource manager harvested), among those that ran.</summary>
    public double HarvestedPct => Percent(Records.Count(r => Ran(r) && Allocated(r).Harvests(Configured(r))), RanCount);

    /// <summary>Invocations given more cores than configured (the resource manager accelerated), among those that ran.</summary>
    public double AcceleratedPct => Percent(Records.Count(r => Ran(r) && Allocated(r).Accelerates(Configured(r))), RanCount);

    /// <summary>Invocations placed on a VM with no room for them (overflow), among those that ran.</summary>
    public double OverloadPct => Percent(Records.Count(r => r.Overload && Ran(r)), RanCount);

    public IReadOnlyDictionary<string, int> FailuresByStatus =>
        Records.Where(r => !r.IsSuccess).GroupBy(r => r.Error is null ? r.Status.ToString() : $"{r.Status}/{r.Error.Type}")
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

    public int Failures => Count - Succeeded;

    /// <summary>Distinct VMs that ran each function, averaged over functions: how far a policy spreads a function.</summary>
    public double MeanVmsPerFunction
    {
        get
        {
            var perFunction = Records.Where(r => r.VmId is not null && Ran(r)).GroupBy(r => r.Function).Select(g => g.Select(r => r.VmId).Distinct().Count()).ToList();
            return perFunction.Count == 0 ? 0 : perFunction.Average();
        }
    }

    /// <summary>
    /// Measured CPU of each function's invocations that ran (their records' <see cref="InvocationRecord.CpuSeconds"/> and
    /// <see cref="InvocationRecord.AverageCores"/>), by function name.
    /// </summary>
    public IReadOnlyDictionary<string, FunctionCpu> CpuByFunction =>
        Records.Where(Ran).GroupBy(r => r.Function).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => new FunctionCpu(g.Count(), g.Average(r => r.AverageCores), g.Average(r => r.CpuSeconds), g.Sum(r => r.CpuSeconds)));

    private int RanCount => Records.Count(Ran);

    private static bool Ran(InvocationRecord r) => r.Status is InvocationStatus.Succeeded or InvocationStatus.Failed or InvocationStatus.TimedOut or InvocationStatus.Evicted;

    private static ResourceAllocation Allocated(InvocationRecord r) => new(r.AllocatedCores, r.AllocatedMemoryMb);

    private static ResourceAllocation Configured(InvocationRecord r) => new(r.ConfiguredCores, r.ConfiguredMemoryMb);

    private static double Percent(int part, int whole) => whole == 0 ? 0 : 100.0 * part / whole;
}

/// <summary>One function's measured CPU in a cell: per invocation on average (cores while it ran, core-seconds), and in all.</summary>
public sealed record FunctionCpu(int Invocations, double MeanAverageCores, double MeanCpuSeconds, double TotalCpuSeconds);
