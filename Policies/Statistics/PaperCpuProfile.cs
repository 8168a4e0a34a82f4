namespace HarvestOrleans.Policies;

/// <summary>
/// A function's CPU profile as the authors computed it (docs/mws-as-implemented.md §2): cumulative over all history,
/// the execution-time-weighted mean cores Σtrunc(cpu·ms)/Σms rounded up to 0.1, the mean execution time
/// max(1, ⌊Σms/n⌋) ms and the CPU limit clamp(⌈1.5·p99⌉, 1, 4) from 0.1-core bins, all three recomputed only on every
/// 5th valid sample (DIS 56-111, 166; CLB 288-345). Samples are the original's: cores rounded to 0.1 (DockerContainer
/// 310-311), whole ms; cores ≤ 0 are dropped (CLB 584), and a sample of 0 ms enters no estimate (DIS 58).
/// <para>
/// First profile (CLB 323-331, HV 348-351): the ack of an activation dispatched while no CPU limit was cached
/// overwrites the profile with cpuLimit = clamp(⌈2c⌉, 1, 4), cpuUtil = clamp(⌈1.5c⌉, 1, 4) and exe = trunc(1.5·ms).
/// Our invocations are acknowledged in batched usage reports, so the mapping is: every valid sample of a report that
/// arrives while no CPU limit is cached is such an ack, applied in the report's order (the last one wins). Invocations
/// that ran before the first report could carry a limit were all dispatched with none cached, and each report of a
/// VM covers its interval's invocations, so the first report that carries CPU samples holds them. Reports arriving
/// after it see the cached limit and use the normal rule.
/// </para>
/// <para>Defaults before any profile (HV 345-367): reqCpu 1.0, the declared cores clamped to [1, 4], exe 1 ms. Not thread-safe.</para>
/// </summary>
public sealed class PaperCpuProfile
{
    /// <summary>Valid samples between two recomputations (the original's cpuUtilUpdatBatch).</summary>
    public const int UPDATE_BATCH = 5;

    /// <summary>Valid samples between two recomputations of JSQ's p75 (the authors' JSQ batch, §7, HV 270-287 of the -jsq variant).</summary>
    public const int JSQ_UPDATE_BATCH = 100;

    /// <summary>The percentile JSQ charges an invocation (its reqCpu once known).</summary>
    public const double JSQ_PERCENTILE = 0.75;

    /// <summary>reqCpu before any profile: one core per activation (HV 353-354).</summary>
    public const double DEFAULT_REQ_CPU = 1.0;

    /// <summary>Execution time before any profile, in ms (HV 356-360).</summary>
    public const long DEFAULT_EXECUTION_MS = 1;

    /// <summary>The first profile's CPU limit over the sample's cores (the original's provisionRatio).</summary>
    public const double FIRST_LIMIT_RATIO = 2.0;

    /// <summary>The first profile's reqCpu and execution time over the sample's (the original's redundantRatio).</summary>
    public const double FIRST_USAGE_RATIO = 1.5;

    private readonly CpuHistogram _histogram = new();
    private long _newSamples;
    private long _cpuTimeProduct;
    private long _executionMsSum;
    private double _cpuUtil;
    private double _cpuLimit;
    private long? _executionMs;
    private long _jsqNewSamples;
    private double _cpuP75;

    /// <summary>True once a CPU limit is cached (after the first report with valid samples).</summary>
    public bool Profiled => _cpuLimit > 0;

    /// <summary>Adds one usage report's samples (execution ms and average cores, index for index).</summary>
    public void AddReport(IReadOnlyList<float> executionMs, IReadOnlyList<float> cpuCores)
    {
        var firstProfile = !Profiled;
        for (var i = 0; i < Math.Min(executionMs.Count, cpuCores.Count); i++)
        {
            var cores = Math.Round(cpuCores[i] * 10.0, MidpointRounding.AwayFromZero) / 10.0;
            if (cores > 0)
            {
                AddSample(cores, (long)executionMs[i], firstProfile);
            }
        }
    }

    /// <summary>
    /// What the policies plan with, given the function's declared cores (the action's CPU limit). <see cref="CpuEstimate.CpuP75"/>
    /// is JSQ's: the p75 of the cumulative 0.1-core histogram, recomputed on every <see cref="JSQ_UPDATE_BATCH"/>th
    /// valid sample, 0 (unknown: JSQ charges the CPU limit) before the first.
    /// </summary>
    public CpuEstimate Estimate(double declaredCores) => new(
        ReqCpu: _cpuUtil > 0 ? _cpuUtil : DEFAULT_REQ_CPU,
        CpuLimit: _cpuLimit > 0 ? _cpuLimit : Math.Clamp(declaredCores, CpuHistogram.MIN_LIMIT, CpuHistogram.MAX_LIMIT),
        ExecutionMs: _executionMs ?? DEFAULT_EXECUTION_MS,
        CpuP75: _cpuP75,
        Profiled: Profiled);

    private void AddSample(double cores, long ms, bool firstProfile)
    {
        var (cpu, limit, exe) = AddToDistribution(cores, ms);
        if (cpu > 0)
        {
            _cpuUtil = cpu;
        }

        if (exe > 0)
        {
            _executionMs = exe;
        }

        if (firstProfile)
        {
            _cpuLimit = CpuHistogram.Limit(cores, FIRST_LIMIT_RATIO);
            _cpuUtil = CpuHistogram.Limit(cores, FIRST_USAGE_RATIO);
            _executionMs = (long)(ms * FIRST_USAGE_RATIO);
        }
        else if (limit > 0)
        {
            _cpuLimit = CpuHistogram.Limit(limit, CpuHistogram.LIMIT_RATIO);
        }
    }

    // Distribution.addSample with functionSampleUseExpectation = true: (cpuUtil, p99, exe), zeros between batches.
    private (double Cpu, double P99, long ExecutionMs) AddToDistribution(double cores, long ms)
    {
        if (ms > 0)
        {
            _executionMsSum += ms;
            _cpuTimeProduct += (long)(cores * ms);
            _histogram.Add(cores);
            _newSamples++;
            if (++_jsqNewSamples >= JSQ_UPDATE_BATCH)
            {
                _jsqNewSamples = 0;
                _cpuP75 = _histogram.Percentile(JSQ_PERCENTILE);
            }
        }

        if (_newSamples < UPDATE_BATCH)
        {
            return (0, 0, 0);
        }

        _newSamples = 0;
        var mean = (double)_cpuTimeProduct / _executionMsSum;
        return (
            (int)Math.Ceiling(mean * 10) / 10.0,
            _histogram.Percentile(CpuHistogram.LIMIT_PERCENTILE),
            Math.Max(_executionMsSum / _histogram.Count, DEFAULT_EXECUTION_MS));
    }

    /// <summary>The profile's state: enough to rebuild it elsewhere (e.g. after a grain migrates).</summary>
    public PaperCpuProfileState Export() => new(
        _histogram.Export(), _newSamples, _cpuTimeProduct, _executionMsSum, _cpuUtil, _cpuLimit, _executionMs ?? -1, _jsqNewSamples, _cpuP75);

    /// <summary>Restores an exported state (see <see cref="Export"/>) into this empty profile.</summary>
    public void Import(PaperCpuProfileState state)
    {
        _histogram.Import(state.CpuBins);
        (_newSamples, _cpuTimeProduct, _executionMsSum, _cpuUtil, _cpuLimit) =
            (state.NewSamples, state.CpuTimeProduct, state.ExecutionMsSum, state.CpuUtil, state.CpuLimit);
        _executionMs = state.ExecutionMs >= 0 ? state.ExecutionMs : null;
        (_jsqNewSamples, _cpuP75) = (state.JsqNewSamples, state.CpuP75);
    }
}

/// <summary>The exported state of a <see cref="PaperCpuProfile"/>.</summary>
/// <param name="CpuBins">The 0.1-core histogram's counts.</param>
/// <param name="NewSamples">Valid samples since the last recomputation.</param>
/// <param name="CpuTimeProduct">Σ trunc(cores · ms).</param>
/// <param name="ExecutionMsSum">Σ ms.</param>
/// <param name="CpuUtil">The cached reqCpu (0: none).</param>
/// <param name="CpuLimit">The cached CPU limit (0: none).</param>
/// <param name="ExecutionMs">The cached execution time in ms (negative: none).</param>
/// <param name="JsqNewSamples">Valid samples since JSQ's p75 was last recomputed.</param>
/// <param name="CpuP75">JSQ's cached p75 (0: none yet).</param>
public sealed record PaperCpuProfileState(
    long[] CpuBins,
    long NewSamples,
    long CpuTimeProduct,
    long ExecutionMsSum,
    double CpuUtil,
    double CpuLimit,
    long ExecutionMs,
    long JsqNewSamples,
    double CpuP75);
