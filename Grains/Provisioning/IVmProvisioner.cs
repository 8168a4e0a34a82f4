namespace HarvestOrleans.Grains.Provisioning;

/// <summary>
/// Brings up new VMs (silos) when the Resource Monitor finds the pool too small. Implementations: a test provisioner
/// starts TestCluster silos; a process launcher starts silo processes on one machine; a cloud provisioner would ask a
/// cloud API for Harvest VMs. A new VM announces itself by registering its HarvestVmGrain when its silo starts.
/// </summary>
public interface IVmProvisioner
{
    /// <summary>Requests VMs adding up to at least <paramref name="cores"/> cores; returns a description of what was started.</summary>
    Task<string> ProvisionAsync(double cores, CancellationToken cancellationToken);
}
