using HarvestOrleans.Hosting.Providers;
using HarvestOrleans.Hosting.Provisioning;
using HarvestOrleans.Grains.Provisioning;

[assembly: HarvestProvider(HarvestProviderKinds.Provisioner, "Process", typeof(HarvestOrleans.Hosting.ProcessProvisionerProviderBuilder))]

namespace HarvestOrleans.Hosting;

/// <summary>How the Resource Monitor brings up VMs when Active cores fall below its minimum.</summary>
public static class VmProvisionerExtensions
{
    /// <summary>Registers <typeparamref name="TProvisioner"/> as the cluster's way to bring up VMs.</summary>
    public static IHarvestSiloBuilder UseVmProvisioner<TProvisioner>(this IHarvestSiloBuilder harvest)
        where TProvisioner : class, IVmProvisioner
    {
        harvest.Services.AddSingleton<IVmProvisioner, TProvisioner>();
        return harvest;
    }

    /// <summary>
    /// Brings up VMs as silo processes on this machine (<c>Harvest:Provisioner:ProviderType=Process</c>), with the
    /// settings of <c>Harvest:Provisioner</c> (<see cref="ProcessProvisionerOptions"/>).
    /// </summary>
    public static IHarvestSiloBuilder UseProcessVmProvisioner(this IHarvestSiloBuilder harvest, Action<ProcessProvisionerOptions>? configure = null)
    {
        var options = harvest.Services.AddOptions<ProcessProvisionerOptions>().BindConfiguration(ProcessProvisionerOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return harvest.UseVmProvisioner<ProcessVmProvisioner>();
    }
}

internal sealed class ProcessProvisionerProviderBuilder : IHarvestProviderBuilder
{
    public void Configure(IHarvestSiloBuilder harvest, IConfigurationSection section) => harvest.UseProcessVmProvisioner();
}
