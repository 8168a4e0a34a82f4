using HarvestOrleans.Simulation.Inputs;
using HarvestOrleans.Simulation.Output;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>
/// The cost model's figures of one run (issue item 10): the price of a core-hour by how the VM is bought, what the
/// cluster cost per hour, per million successful invocations, and successful invocations per dollar.
/// </summary>
/// <param name="RegularPerCoreHour">$ per regular core-hour (NaN when the cluster has no regular VM).</param>
/// <param name="HarvestPerCoreHour">$ per Harvest/Spot core-hour (NaN when it has none).</param>
/// <param name="RegularCoreHours">Regular core-hours the run paid for.</param>
/// <param name="HarvestCoreHours">Harvest/Spot core-hours the run paid for.</param>
/// <param name="Dollars">What the run cost.</param>
/// <param name="DollarsPerHour">The cluster's cost per hour.</param>
/// <param name="DollarsPerMillion">$ per million successful invocations.</param>
/// <param name="InvocationsPerDollar">Successful invocations per dollar (throughput per dollar).</param>
public sealed record CostFigures(
    double RegularPerCoreHour,
    double HarvestPerCoreHour,
    double RegularCoreHours,
    double HarvestCoreHours,
    double Dollars,
    double DollarsPerHour,
    double DollarsPerMillion,
    double InvocationsPerDollar)
{
    public static CostFigures Of(CostSummary cost)
    {
        double Hours(params VmKind[] kinds) => kinds.Sum(k => cost.CoreHours.GetValueOrDefault(k));
        double Dollars(params VmKind[] kinds) => kinds.Sum(k => cost.Dollars.GetValueOrDefault(k));
        double Price(params VmKind[] kinds) => Hours(kinds) > 0 ? Dollars(kinds) / Hours(kinds) : double.NaN;
        return new CostFigures(
            Price(VmKind.Regular),
            Price(VmKind.Harvest, VmKind.Spot),
            Hours(VmKind.Regular),
            Hours(VmKind.Harvest, VmKind.Spot),
            cost.TotalDollars,
            cost.DollarsPerHour,
            cost.DollarsPerMillion,
            cost.InvocationsPerDollar);
    }

    /// <summary>The figures for a JSON line (undefined values as -1, as SimReport writes them).</summary>
    public object ToJson() => new
    {
        regularPerCoreHour = R(RegularPerCoreHour, 5),
        harvestPerCoreHour = R(HarvestPerCoreHour, 5),
        regularCoreHours = R(RegularCoreHours, 2),
        harvestCoreHours = R(HarvestCoreHours, 2),
        usd = R(Dollars, 4),
        usdPerHour = R(DollarsPerHour, 4),
        usdPerMillion = R(DollarsPerMillion, 3),
        invocationsPerUsd = R(InvocationsPerDollar, 1),
    };

    private static double R(double value, int digits) => double.IsFinite(value) ? Math.Round(value, digits) : -1;
}
