using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.Options;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Infrastructure;

/// <summary>This silo's VM: its id (configured, or the silo name) and its configured start-up size.</summary>
public sealed class VmIdentity(IOptions<HarvestVmOptions> options, ILocalSiloDetails silo)
{
    public string VmId { get; } = options.Value.VmId ?? silo.Name;

    public double InitialCores { get; } = options.Value.Cores;

    /// <summary>The VM's memory in MB (what the resource manager sees it has).</summary>
    public double MemoryMb { get; } = options.Value.MemoryMb;

    public VmRegistration Registration => new()
    {
        VmId = VmId,
        SiloAddress = silo.SiloAddress.ToParsableString(),
        Role = options.Value.Role,
        Cores = options.Value.Cores,
        MemoryMb = options.Value.MemoryMb,
        PricePerCoreHour = options.Value.PricePerCoreHour,
    };
}
