using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;

namespace HarvestOrleans.Grains.Options;

/// <summary>The VM this silo runs on. Bound from configuration section <c>Harvest:Vm</c>.</summary>
public sealed class HarvestVmOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Harvest:Vm";

    /// <summary>The default of <see cref="Role"/>: a Harvest VM.</summary>
    public const VmRole DEFAULT_ROLE = VmRole.Harvest;

    /// <summary>The most <see cref="Cores"/> accepted: 1024.</summary>
    public const double MAX_CORES = 1024;

    /// <summary>The default of <see cref="MemoryMb"/>: 4096.</summary>
    public const double DEFAULT_MEMORY_MB = 4096;

    /// <summary>The default of <see cref="PricePerCoreHour"/>: 0.012 US dollars.</summary>
    public const double DEFAULT_PRICE_PER_CORE_HOUR = 0.012;

    /// <summary>
    /// Stable VM identity: 1-64 characters, a letter first, then letters, digits, '.', '_' or '-'. Defaults to the silo
    /// name.
    /// </summary>
    public string? VmId { get; set; }

    /// <summary>Harvest (evictable, resizable) or Regular. Default <see cref="DEFAULT_ROLE"/>.</summary>
    public VmRole Role { get; set; } = DEFAULT_ROLE;

    /// <summary>
    /// Cores at start-up, in [0, <see cref="MAX_CORES"/>]; the harvest monitor and operators change them at run time.
    /// Default: the machine's processor count.
    /// </summary>
    public double Cores { get; set; } = Environment.ProcessorCount;

    /// <summary>Memory placement may plan with, in MB; positive. Default <see cref="DEFAULT_MEMORY_MB"/>.</summary>
    public double MemoryMb { get; set; } = DEFAULT_MEMORY_MB;

    /// <summary>
    /// Price per core-hour in US dollars, not negative (harvested capacity is 48-88% cheaper than regular). Default
    /// <see cref="DEFAULT_PRICE_PER_CORE_HOUR"/>.
    /// </summary>
    public double PricePerCoreHour { get; set; } = DEFAULT_PRICE_PER_CORE_HOUR;
}
