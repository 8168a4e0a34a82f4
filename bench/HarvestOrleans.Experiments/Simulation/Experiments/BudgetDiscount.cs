namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>
/// One discount's figures: the Harvest cluster the regular cluster's budget buys, and the smallest Harvest cluster that
/// completes as much as the regular one.
/// </summary>
/// <param name="Discount">Fraction of the list price a Harvest core-hour saves.</param>
/// <param name="AtBudget">The most Harvest VMs whose cost per hour is within the budget, saturated.</param>
/// <param name="AtEqualThroughput">The fewest Harvest VMs whose throughput reaches the regular cluster's.</param>
/// <param name="Searched">Every run of the search for <paramref name="AtEqualThroughput"/>, by VM count.</param>
/// <param name="NominalCoresPerVm">Mean of the Harvest VMs' largest size in their traces (what one would buy as a regular VM).</param>
public sealed record BudgetDiscount(double Discount, BudgetRun AtBudget, BudgetRun AtEqualThroughput, IReadOnlyList<BudgetRun> Searched, double NominalCoresPerVm)
{
    /// <summary>Mean cores of a Harvest VM over the run at budget (core-hours / VMs / hours).</summary>
    public double MeanCoresPerVm => AtBudget.CoreHours / AtBudget.InitialVms / (AtBudget.Result.SimulatedSeconds / 3600);
}
