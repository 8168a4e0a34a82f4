using HarvestOrleans.Experiments.Workloads;
using HarvestOrleans.Policies;
using HarvestOrleans.Simulation;
using HarvestOrleans.Simulation.Inputs;
using HarvestOrleans.Simulation.Output;
using HarvestOrleans.Simulation.Workloads;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>
/// Issue 18: the minute after an eviction with notice, with the notice's handover off and on, against the same minute
/// without any eviction — same cluster, functions, arrivals and seed in all three. Many functions at skewed rates on
/// Min-Worker-Set keep small worker sets, so the functions a victim served warm start cold where their traffic moves,
/// unless the handover warmed them first. The run without eviction gives the minute's own cold starts (rare functions
/// whose instance expired), so what the eviction adds is the difference. Repeated over seeds (each evicting another VM).
/// With <see cref="HandoverOptions.Replacement"/> the event is the Resource Monitor's case instead: a VM is lost without
/// notice, a replacement joins <see cref="HandoverOptions.ReplacementDelaySeconds"/> later, and the minute counted is
/// the one after the join, with the joiner's warm-up (<see cref="JoinWarmup"/>) off and on.
/// </summary>
public static class HandoverExperiment
{
    public static HandoverResult Run(HandoverOptions options)
    {
        var suite = FunctionBenchCosts.LoadEmbedded();
        var functions = Enumerable.Range(0, options.Functions)
            .Select(i => suite[i % suite.Count] with { Name = $"fn-{i:000}-{suite[i % suite.Count].Name}" })
            .ToArray();
        var noticeAt = options.Duration.TotalSeconds * options.NoticeAtShare;
        var windowFrom = options.Replacement ? noticeAt + options.ReplacementDelaySeconds : noticeAt;
        var runs = new Dictionary<HandoverMode, List<SimRecord>>
        {
            [HandoverMode.NoEviction] = [],
            [HandoverMode.Off] = [],
            [HandoverMode.On] = [],
        };
        foreach (var seed in Enumerable.Range(options.Seed, options.Seeds))
        {
            var arrivals = Arrivals(options, seed);
            var victim = seed % options.Vms;
            foreach (var (mode, records) in runs)
            {
                var evicted = mode != HandoverMode.NoEviction;
                var vms = Enumerable.Range(0, options.Vms)
                    .Select(i => new SimVmSpec($"vm-{i:00}", VmKind.Harvest, options.MemoryMb, [new CoreStep(0, options.Cores)], 0.01)
                    {
                        NoticeAtSeconds = i == victim && evicted && !options.Replacement ? noticeAt : null,
                        NoticeSeconds = options.NoticeSeconds,
                        LostAtSeconds = i == victim && evicted && options.Replacement ? noticeAt : null,
                    })
                    .ToList();
                if (evicted && options.Replacement)
                {
                    vms.Add(new SimVmSpec("vm-new", VmKind.Harvest, options.MemoryMb, [new CoreStep(0, options.Cores)], 0.01) { JoinAtSeconds = windowFrom });
                }

                var live = LiveDefaults.For(BalancingPolicyNames.MinWorkerSet, seed: seed);
                NoticeHandoverSettings On(NoticeHandoverSettings silo) => silo with { Functions = options.Budget ?? silo.Functions };
                var simulation = new Simulator(
                    live with
                    {
                        Handover = mode == HandoverMode.On && !options.Replacement ? On(live.Handover) : NoticeHandoverSettings.Off,
                        JoinWarmup = mode == HandoverMode.On && options.Replacement ? On(live.JoinWarmup) : NoticeHandoverSettings.Off,
                    },
                    vms,
                    functions,
                    new OpenLoopWorkload(arrivals),
                    r =>
                    {
                        if (r.SentAtSeconds >= windowFrom && r.SentAtSeconds < windowFrom + options.Window.TotalSeconds)
                        {
                            records.Add(r);
                        }
                    });
                simulation.Run(options.Duration);
            }
        }

        return new HandoverResult(options, runs.ToDictionary(p => p.Key, p => WindowFigures.Of(p.Value)));
    }

    /// <summary>Poisson arrivals per function, at Zipf-skewed rates summing to the options' total.</summary>
    private static Arrival[] Arrivals(HandoverOptions options, int seed) =>
        [.. ZipfPoissonArrivals.Generate(options.Functions, options.TotalRps, options.Skew, options.Duration.TotalSeconds, new Random(seed))
            .SelectMany((times, f) => times.Select(t => new Arrival(t, f)))
            .OrderBy(a => a.AtSeconds)];
}

/// <summary>The three runs of each seed.</summary>
public enum HandoverMode
{
    /// <summary>No VM is evicted: the window's own cold starts.</summary>
    NoEviction,

    /// <summary>An eviction with notice, the VM draining at once (the baseline); or a replacement joining cold.</summary>
    Off,

    /// <summary>An eviction with notice and its handover; or a replacement that warms up before it joins.</summary>
    On,
}

/// <summary>The experiment's cluster, functions and load.</summary>
public sealed record HandoverOptions
{
    public int Vms { get; init; } = 12;

    public double Cores { get; init; } = 16;

    public double MemoryMb { get; init; } = 16_384;

    public int Functions { get; init; } = 200;

    /// <summary>Zipf exponent of the functions' rates.</summary>
    public double Skew { get; init; } = 1;

    public double TotalRps { get; init; } = 60;

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>When the notice comes, as a share of the run (after the warm pools have filled).</summary>
    public double NoticeAtShare { get; init; } = 0.6;

    public double NoticeSeconds { get; init; } = 30;

    /// <summary>What is counted after the notice.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The first seed; <see cref="Seeds"/> seeds are run, each evicting another VM.</summary>
    public int Seed { get; init; } = 1;

    public int Seeds { get; init; } = 5;

    /// <summary>The handover's (or the warm-up's) budget of functions; null: the silo's default.</summary>
    public int? Budget { get; init; }

    /// <summary>The event is a loss without notice and a replacement joining, not a notice (see <see cref="HandoverExperiment"/>).</summary>
    public bool Replacement { get; init; }

    /// <summary>How long after the loss the replacement joins: what is counted starts there.</summary>
    public double ReplacementDelaySeconds { get; init; } = 60;

    /// <summary>A smoke run.</summary>
    public static HandoverOptions Quick { get; } = new() { Seeds = 2 };
}

/// <summary>Each mode's figures over every seed's window.</summary>
public sealed record HandoverResult(HandoverOptions Options, IReadOnlyDictionary<HandoverMode, WindowFigures> Windows)
{
    /// <summary>Cold starts the eviction adds to the window in <paramref name="mode"/>: beyond the run without eviction.</summary>
    public long AddedColdStarts(HandoverMode mode) => Windows[mode].ColdStarts - Windows[HandoverMode.NoEviction].ColdStarts;

    /// <summary>How many fewer added cold starts the handover gives (1 − on/off); NaN when the eviction added none.</summary>
    public double ColdStartReduction => AddedColdStarts(HandoverMode.Off) <= 0 ? double.NaN : 1 - (double)AddedColdStarts(HandoverMode.On) / AddedColdStarts(HandoverMode.Off);
}

/// <summary>Invocations sent in the windows: counts, cold starts, failures and latency.</summary>
public sealed record WindowFigures(long Invocations, long ColdStarts, long Failures, double P50Ms, double P99Ms)
{
    public double ColdStartPct => Invocations == 0 ? 0 : 100.0 * ColdStarts / Invocations;

    public static WindowFigures Of(IReadOnlyList<SimRecord> records)
    {
        double[] latencies = [.. records.Where(r => r.IsSuccess).Select(r => r.LatencyMs).Order()];
        return new WindowFigures(records.Count, records.Count(r => r.ColdStart), records.Count(r => !r.IsSuccess), NearestRank.Of(latencies, 0.5, empty: 0), NearestRank.Of(latencies, 0.99, empty: 0));
    }
}
