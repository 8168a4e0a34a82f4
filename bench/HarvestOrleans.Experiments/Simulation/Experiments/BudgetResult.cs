namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>
/// The budget experiment: the regular cluster and, per discount, what the same budget buys and what the same
/// throughput costs on Harvest VMs. Throughput at equal cost = harvest / regular throughput at the budget; it is the
/// product of the core-hours the budget buys (≈ 1 / (1 − discount)) and how well those cores turn into work.
/// </summary>
public sealed record BudgetResult(BudgetOptions Options, WeightedFunctions Mix, BudgetRun Regular, IReadOnlyList<BudgetDiscount> Discounts, double WallSeconds)
{
    /// <summary>The paper's throughput at equal cost: 2.2x–9.0x.</summary>
    public const double PAPER_MIN_THROUGHPUT_RATIO = 2.2, PAPER_MAX_THROUGHPUT_RATIO = 9.0;

    /// <summary>The paper's cost savings: 48–89%.</summary>
    public const double PAPER_MIN_SAVINGS_PCT = 48, PAPER_MAX_SAVINGS_PCT = 89;

    /// <summary>The regular cluster's cost per hour: the budget.</summary>
    public double BudgetPerHour => Regular.Cost.DollarsPerHour;

    /// <summary>Harvest over regular throughput at the same cost per hour.</summary>
    public double ThroughputRatio(BudgetDiscount d) => d.AtBudget.Throughput / Regular.Throughput;

    /// <summary>Core-hours the budget bought on Harvest VMs over those of the regular cluster.</summary>
    public double CoreHoursRatio(BudgetDiscount d) => d.AtBudget.CoreHours / Regular.CoreHours;

    /// <summary>Invocations per core-hour on Harvest VMs over the regular cluster's: below 1, harvested cores do less work each.</summary>
    public double Efficiency(BudgetDiscount d) => d.AtBudget.InvocationsPerCoreHour / Regular.InvocationsPerCoreHour;

    /// <summary>What the same throughput saves on Harvest VMs, % of the regular cluster's cost.</summary>
    public double SavingsPct(BudgetDiscount d) => 100 * (1 - (d.AtEqualThroughput.Cost.DollarsPerHour / Regular.Cost.DollarsPerHour));
}
