using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;

namespace HarvestOrleans.Grains.Options;

/// <summary>The VM this silo runs on. Bound from configuration section <c>Harvest:Vm</c>.</summary>
public sealed class HarvestVmOptions
{
    public const string SectionName = "Harvest:Vm";

    /// <summary>Stable VM identity; defaults to the silo name.</summary>
    public string? VmId { get; set; }

    public VmRole Role { get; set; } = VmRole.Harvest;

    /// <summary>Cores at start-up; the harvest monitor and operators change them at run time.</summary>
    public double Cores { get; set; } = Environment.ProcessorCount;

    public double MemoryMb { get; set; } = 4096;

    /// <summary>Price per core-hour in US dollars (harvested capacity is 48-88% cheaper than regular).</summary>
    public double PricePerCoreHour { get; set; } = 0.012;
}
