namespace HarvestOrleans.Policies;

/// <summary>
/// A function's CPU statistics, from the (execution ms, average cores) samples of its usage reports, for either mode:
/// <list type="bullet">
/// <item><see cref="PolicyMode.Default"/>: over the most recent samples, reqCpu = p75 of measured cores, the CPU limit
/// clamp(⌈1.5·p99⌉, 1, 4) with p99 over 0.1-core bins, the execution time p75 of execution ms (samples without a CPU
/// measurement count for it too). Before any CPU sample: the declared cores and the declared cores clamped to [1, 4].</item>
/// <item><see cref="PolicyMode.Paper"/>: the authors' cumulative estimators, first-profile rule and defaults (<see cref="PaperCpuProfile"/>).</item>
/// </list>
/// Both are kept from the first sample, so the estimate is ready whichever mode a plan asks for. Cores ≤ 0 (or a
/// sample without a CPU measurement) are not CPU samples. Not thread-safe: owned by one grain activation.
/// </summary>
public sealed class CpuProfile(int recentSamples)
{
    private const double REQ_CPU_PERCENTILE = 0.75;

    private readonly PercentileWindow _executionMs = new(recentSamples);
    private readonly PercentileWindow _cores = new(recentSamples);
    private readonly PaperCpuProfile _paper = new();

    // Plans ask on every lease and rebalance; the samples change only with a report. Cleared by AddReport and Import.
    private (double DeclaredCores, CpuEstimate Estimate)? _recent;

    /// <summary>Recent execution times in ms, every sample (also what the eviction policy judges).</summary>
    public PercentileWindow ExecutionMs => _executionMs;

    /// <summary>p75 of recent measured cores; 0 before any.</summary>
    public double CpuP75 => _cores.Percentile(REQ_CPU_PERCENTILE) ?? 0;

    /// <summary>
    /// Adds one usage report's samples: execution ms, and the average cores of the same invocations index for index
    /// (<paramref name="cpuCores"/> may be shorter, or empty where CPU is not measured).
    /// </summary>
    public void AddReport(IReadOnlyList<float> executionMs, IReadOnlyList<float> cpuCores)
    {
        for (var i = 0; i < executionMs.Count; i++)
        {
            _executionMs.Add(executionMs[i]);
            if (i < cpuCores.Count && cpuCores[i] > 0)
            {
                _cores.Add(cpuCores[i]);
            }
        }

        _paper.AddReport(executionMs, cpuCores);
        _recent = null;
    }

    /// <summary>The estimate a plan in <paramref name="mode"/> uses, for a function declaring <paramref name="declaredCores"/>.</summary>
    public CpuEstimate Estimate(PolicyMode mode, double declaredCores) =>
        mode == PolicyMode.Paper ? _paper.Estimate(declaredCores) : RecentEstimate(declaredCores);

    private CpuEstimate RecentEstimate(double declaredCores)
    {
        if (_recent is { } cached && cached.DeclaredCores == declaredCores)
        {
            return cached.Estimate;
        }

        var estimate = ComputeRecentEstimate(declaredCores);
        _recent = (declaredCores, estimate);
        return estimate;
    }

    private CpuEstimate ComputeRecentEstimate(double declaredCores)
    {
        var executionMs = _executionMs.Percentile(REQ_CPU_PERCENTILE) ?? 0;
        if (_cores.Count == 0)
        {
            var limit = Math.Clamp(declaredCores, CpuHistogram.MIN_LIMIT, CpuHistogram.MAX_LIMIT);
            return new CpuEstimate(declaredCores, limit, executionMs, CpuP75: 0, Profiled: false);
        }

        var histogram = new CpuHistogram();
        foreach (var cores in _cores.Export())
        {
            histogram.Add(cores);
        }

        return new CpuEstimate(CpuP75, histogram.CpuLimit()!.Value, executionMs, CpuP75, Profiled: true);
    }

    /// <summary>The statistics' state: enough to rebuild them elsewhere (e.g. after a grain migrates).</summary>
    public CpuProfileState Export() => new(_executionMs.Export(), _cores.Export(), _paper.Export());

    /// <summary>Restores an exported state (see <see cref="Export"/>) into these empty statistics.</summary>
    public void Import(CpuProfileState state)
    {
        _executionMs.Import(state.ExecutionMs);
        _cores.Import(state.Cores);
        _paper.Import(state.Paper);
        _recent = null;
    }
}

/// <summary>The exported state of a <see cref="CpuProfile"/>.</summary>
/// <param name="ExecutionMs">Recent execution times, oldest first.</param>
/// <param name="Cores">Recent measured cores, oldest first.</param>
/// <param name="Paper">The authors' cumulative profile.</param>
public sealed record CpuProfileState(double[] ExecutionMs, double[] Cores, PaperCpuProfileState Paper);
