using HarvestOrleans.Experiments.Workloads;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Experiments.Comparison;

public enum WorkloadKind
{
    /// <summary>The paper's closed loop: users, exponential think time, the FunctionBench mix.</summary>
    Closed,

    /// <summary>Open-loop replay of an Azure Functions 2019 trace (per-minute counts + durations).</summary>
    Azure2019,

    /// <summary>Open-loop replay of an Azure Functions 2021 trace (app, func, end_timestamp, duration).</summary>
    Azure2021,
}

/// <summary>What one comparison run does. Defaults are the short main job on the bundled sample traces.</summary>
public sealed record ComparisonOptions
{
    public IReadOnlyList<string> Scenarios { get; init; } = Experiments.Scenarios.ClusterScenario.All;

    public IReadOnlyList<string> Policies { get; init; } = [BalancingPolicyNames.OpenWhiskHash, BalancingPolicyNames.JoinShortestQueue, BalancingPolicyNames.MinWorkerSet];

    public WorkloadKind Workload { get; init; } = WorkloadKind.Azure2019;

    /// <summary>Azure 2019: a folder holding <c>invocations_per_function_md.anon.d01.csv</c> and <c>function_durations_percentiles.anon.d01.csv</c> (or any files named invocations*/ durations*).</summary>
    public string? Azure2019Folder { get; init; }

    /// <summary>Azure 2021: the trace file.</summary>
    public string? Azure2021Path { get; init; }

    /// <summary>Trace window: from this minute (2019) or its second × 60 (2021) ...</summary>
    public int StartMinute { get; init; }

    /// <summary>... for this many traced minutes.</summary>
    public int Minutes { get; init; } = 4;

    /// <summary>Traced time is divided by this: 20 replays 4 minutes in 12 seconds.</summary>
    public double Compression { get; init; } = 20;

    public TraceMapping Mapping { get; init; } = TraceMapping.Suite;

    /// <summary>Cap on a synthetic function's traced duration.</summary>
    public double MaxDurationMs { get; init; } = 2_000;

    public int Users { get; init; } = 24;

    public TimeSpan ThinkTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Closed loop: how long each cell runs.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary>The function mix (closed loop) and the suite functions traced functions are mapped to.</summary>
    public IReadOnlyDictionary<string, double> Mix { get; init; } = FunctionBench.FunctionBenchSuite.PaperMix;

    public int Vms { get; init; } = 4;

    /// <summary>Multiplies the traces' cores (5–32 in the paper's VMs; these machines have 2).</summary>
    public double CoreScale { get; init; } = 0.5;

    /// <summary>Harvest traces replay this much faster (the active scenario).</summary>
    public double HarvestTimeScale { get; init; } = 50;

    /// <summary>A folder with dedicated/, normal/ and active/ harvest traces; default: the bundled copy.</summary>
    public string? HarvestTraces { get; init; }

    /// <summary>The rules every policy runs with: the project's, or the authors' (<see cref="PolicyMode.Paper"/>, <c>compare --paper</c>).</summary>
    public PolicyMode Mode { get; init; } = BalancingPolicySettings.DEFAULT_MODE;

    /// <summary>
    /// The invokers' resource manager in every cell (<c>Fixed</c>, <c>Greedy</c>, <c>Freyr</c>): harvesting inside the
    /// platform on top of the VMs' own, so both kinds can be seen together.
    /// </summary>
    public string ResourcePolicy { get; init; } = ResourcePolicyNames.Fixed;

    /// <summary>Evict one VM (with notice) 40% into each run.</summary>
    public bool Evictions { get; init; }

    public string OutputDirectory { get; init; } = Path.Combine("artifacts", "comparison");

    /// <summary>Show the silos' warnings and errors (by default only critical ones: tearing a cluster down between cells logs expected errors).</summary>
    public bool Verbose { get; init; }

    /// <summary>No progress display (tests).</summary>
    public bool Quiet { get; init; }

    public int Seed { get; init; } = 1;
}
