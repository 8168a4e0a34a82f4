using HarvestOrleans.Policies;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>
/// <c>simulate budget</c>: what a budget buys on Harvest/Spot VMs against regular VMs. The regular cluster is the
/// paper's dedicated one (10 VMs of 16 cores at list price); its cost per hour is the budget. Harvest VMs replay the
/// active traces (cores changing, 5–32) and are evicted at the paper's rates (<see cref="EvictionModel"/>).
/// </summary>
public sealed record BudgetOptions
{
    /// <summary>The paper's range of Spot discounts and its middle.</summary>
    public static IReadOnlyList<double> PaperDiscounts { get; } = [PriceList.MIN_PAPER_DISCOUNT, 0.75, PriceList.MAX_PAPER_DISCOUNT];

    public int RegularVms { get; init; } = 10;

    public double RegularCores { get; init; } = 16;

    /// <summary>Fractions of the list price a Harvest core-hour saves.</summary>
    public IReadOnlyList<double> Discounts { get; init; } = PaperDiscounts;

    /// <summary>A folder with the harvest trace scenarios; null: the bundled samples/traces/harvest.</summary>
    public string? HarvestTraces { get; init; }

    /// <summary>The scenario the Harvest VMs replay.</summary>
    public string Trace { get; init; } = "active";

    public string Policy { get; init; } = BalancingPolicyNames.MinWorkerSet;

    public PolicyMode Mode { get; init; } = PolicyMode.Default;

    /// <summary>Simulated time per run.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Closed-loop users per core of the cluster (its mean cores over the run), with no think time: enough that every
    /// core is busy and a short queue waits, so the run measures what the cluster can complete, not what it is offered.
    /// </summary>
    public double UsersPerCore { get; init; } = 1.5;

    public double WorkScale { get; init; } = PaperWorkload.DEFAULT_WORK_SCALE;

    /// <summary>Harvest VM lifetimes (the paper's by default; shorter to stress).</summary>
    public EvictionModel Evictions { get; init; } = new();

    public double RegularPerCoreHour { get; init; } = PriceList.DEFAULT_REGULAR_PER_CORE_HOUR;

    public int Seed { get; init; } = 1;

    public int Parallelism { get; init; } = ParallelRuns.DefaultDegree;

    /// <summary>The smoke run: 10 simulated minutes per run.</summary>
    public static BudgetOptions Quick { get; } = new() { Duration = TimeSpan.FromMinutes(10) };
}
