namespace HarvestOrleans.Experiments.Simulation.Fidelity;

/// <summary>
/// How far a simulated cell may be from its live cell and still agree. Each bound is what the live cluster's own
/// timing can move on the main job's scale (about 100 invocations of ~15 functions per cell, on 2 shared cores), not a
/// tolerance for the model:
/// <list type="bullet">
/// <item><b>Cold starts</b>, <see cref="DEFAULT_COLD_START_FLIPS"/> invocations: whether two invocations of a function
/// overlap (the second one starts an instance) turns on milliseconds of live jitter (a GC pause, a thread-pool wake-up).
/// Five such flips in a cell are within that noise, whatever the cell's size: 5 points of ~100 invocations, 8 of 61.
/// A policy that spreads or keeps functions differently from the live one moves 15–30 points.</item>
/// <item><b>VMs per function</b>, <see cref="DEFAULT_VMS_PER_FUNCTION"/>: the mean over ~15 functions; one function of
/// two moving to one more VM is 0.5. Hashing against JSQ differs by 1–2.</item>
/// <item><b>Median latency</b>, <see cref="DEFAULT_P50_RATIO"/> either way (and at least <see cref="DEFAULT_P50_SLACK_MS"/>
/// apart): execution and cold-start costs are calibrated from the same live run, so what is left is how the
/// invocations interleave on the shared cores, which the per-function distributions average out. Or within the
/// median's own sampling noise (<see cref="MedianBand"/>, <see cref="DEFAULT_P50_RANK_Z"/>): a cell's latencies mix
/// warm runs with cold starts several times slower, and on a small cell a few flips of which invocations start cold
/// move the median between the two — further than any fixed ratio, and as often as the cold-start bound allows.</item>
/// </list>
/// </summary>
public sealed record FidelityBounds
{
    /// <summary>Default of <see cref="ColdStartFlips"/>: 5 invocations.</summary>
    public const double DEFAULT_COLD_START_FLIPS = 5;

    /// <summary>Default of <see cref="VmsPerFunction"/>: 0.5 VMs.</summary>
    public const double DEFAULT_VMS_PER_FUNCTION = 0.5;

    /// <summary>Default of <see cref="P50Ratio"/>: 1.25 (25%).</summary>
    public const double DEFAULT_P50_RATIO = 1.25;

    /// <summary>Default of <see cref="P50SlackMs"/>: 5 ms.</summary>
    public const double DEFAULT_P50_SLACK_MS = 5;

    /// <summary>Default of <see cref="P50RankZ"/>: 2.58 (a median of n draws falls that many standard errors of its rank, √n / 2, from n / 2 in 1% of runs).</summary>
    public const double DEFAULT_P50_RANK_Z = 2.58;

    /// <summary>How many standard errors of the median's rank the live median may be from the simulated runs' (0: only the ratio and the slack).</summary>
    public double P50RankZ { get; init; } = DEFAULT_P50_RANK_Z;

    /// <summary>Largest difference in cold starts, in invocations of the live cell (as points: 100 × this / invocations).</summary>
    public double ColdStartFlips { get; init; } = DEFAULT_COLD_START_FLIPS;

    /// <summary>Largest difference in mean VMs per function.</summary>
    public double VmsPerFunction { get; init; } = DEFAULT_VMS_PER_FUNCTION;

    /// <summary>Largest ratio between the medians, either way (≥ 1).</summary>
    public double P50Ratio { get; init; } = DEFAULT_P50_RATIO;

    /// <summary>Medians closer than this agree whatever their ratio.</summary>
    public double P50SlackMs { get; init; } = DEFAULT_P50_SLACK_MS;

    /// <summary>
    /// What does not agree between <paramref name="live"/> and the simulated runs of the same cell (one per seed), one
    /// line each (empty: all agree). A figure agrees when the live one lies within its bound of the range the seeds
    /// give: the live run is one draw of a process with its own randomness (JSQ breaks ties at random, execution times
    /// vary), and the seeds show how far that randomness alone moves the figure.
    /// </summary>
    public IReadOnlyList<string> Misses(FidelityFigures live, IReadOnlyList<FidelityFigures> simulated)
    {
        if (simulated.Count == 0)
        {
            throw new ArgumentException("At least one simulated run is needed.", nameof(simulated));
        }

        var misses = new List<string>();
        var (coldLow, coldHigh) = Range(simulated, f => f.ColdStartPct);
        var coldPoints = ColdStartPoints(live.Invocations);
        if (!(Distance(live.ColdStartPct, coldLow, coldHigh) <= coldPoints))
        {
            misses.Add($"cold starts {live.ColdStartPct:0.#}% live, {coldLow:0.#}-{coldHigh:0.#}% simulated (bound ±{ColdStartFlips} invocations, {coldPoints:0.#} points)");
        }

        var (vmsLow, vmsHigh) = Range(simulated, f => f.VmsPerFunction);
        if (!(Distance(live.VmsPerFunction, vmsLow, vmsHigh) <= VmsPerFunction))
        {
            misses.Add($"VMs per function {live.VmsPerFunction:0.##} live, {vmsLow:0.##}-{vmsHigh:0.##} simulated (bound ±{VmsPerFunction})");
        }

        var (p50Low, p50High) = Range(simulated, f => f.P50Ms);
        var nearest = Math.Clamp(live.P50Ms, p50Low, p50High);
        var ratio = Math.Max(live.P50Ms, nearest) / Math.Min(live.P50Ms, nearest);
        var bandLow = simulated.Min(f => f.P50BandLowMs);
        var bandHigh = simulated.Max(f => f.P50BandHighMs);
        var inBand = P50RankZ > 0 && live.P50Ms >= bandLow && live.P50Ms <= bandHigh; // false when a band is missing (NaN)
        if (!(Math.Abs(live.P50Ms - nearest) <= P50SlackMs || ratio <= P50Ratio || inBand))
        {
            var band = P50RankZ == 0 || double.IsNaN(bandLow + bandHigh) ? "" : $", or the median's rank noise {bandLow:0.#}-{bandHigh:0.#} ms";
            misses.Add($"p50 {live.P50Ms:0.#} ms live, {p50Low:0.#}-{p50High:0.#} ms simulated (bound {P50Ratio}x or {P50SlackMs} ms{band})");
        }

        return misses;
    }

    /// <summary>
    /// The percentiles (0–100) between which the median of <paramref name="invocations"/> draws of a distribution falls
    /// but in the rare runs <see cref="P50RankZ"/> excludes: the median's rank is n / 2 ± z √n / 2 (the binomial's normal
    /// approximation), so the percentiles are 50 ∓ 50 z / √n, within [0, 100]. With z 0: the median itself.
    /// </summary>
    public (double Low, double High) MedianBand(long invocations)
    {
        var half = 50 * P50RankZ / Math.Sqrt(Math.Max(invocations, 1));
        return (Math.Max(0, 50 - half), Math.Min(100, 50 + half));
    }

    /// <summary>The cold-start bound in percentage points for a cell of <paramref name="invocations"/> invocations.</summary>
    public double ColdStartPoints(long invocations) => 100 * ColdStartFlips / Math.Max(invocations, 1);

    /// <summary>The smallest and largest of a figure over the simulated runs.</summary>
    public static (double Low, double High) Range(IReadOnlyList<FidelityFigures> runs, Func<FidelityFigures, double> figure) =>
        (runs.Min(figure), runs.Max(figure));

    private static double Distance(double value, double low, double high) => value < low ? low - value : value > high ? value - high : 0;
}
