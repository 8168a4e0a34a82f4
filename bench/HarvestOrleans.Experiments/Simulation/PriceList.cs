using HarvestOrleans.Grains.Options;
using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.Experiments.Simulation;

/// <summary>
/// What a core-hour costs by how the VM is bought. Regular VMs at list price; Harvest and Spot VMs at a discount. The
/// paper reports Spot VMs 48–88% cheaper than regular ones; the runtime's default harvest price
/// (<see cref="HarvestVmOptions.DEFAULT_PRICE_PER_CORE_HOUR"/>, $0.012) is the 75% point of a $0.048 list price.
/// </summary>
/// <param name="RegularPerCoreHour">List price of a regular core-hour (default $0.048: a general-purpose Azure D-series vCPU-hour, pay as you go).</param>
/// <param name="HarvestDiscount">Fraction of the list price a Harvest or Spot core-hour saves, in [0, 1).</param>
public sealed record PriceList(double RegularPerCoreHour, double HarvestDiscount)
{
    /// <summary>The default list price of a regular core-hour.</summary>
    public const double DEFAULT_REGULAR_PER_CORE_HOUR = 0.048;

    /// <summary>The paper's range of Spot discounts.</summary>
    public const double MIN_PAPER_DISCOUNT = 0.48, MAX_PAPER_DISCOUNT = 0.88;

    /// <summary>Regular at list price; harvest at the runtime's default harvest price.</summary>
    public static PriceList Default { get; } = new(DEFAULT_REGULAR_PER_CORE_HOUR, 1 - (HarvestVmOptions.DEFAULT_PRICE_PER_CORE_HOUR / DEFAULT_REGULAR_PER_CORE_HOUR));

    public double PerCoreHour(VmKind kind) => kind == VmKind.Regular ? RegularPerCoreHour : RegularPerCoreHour * (1 - HarvestDiscount);
}
