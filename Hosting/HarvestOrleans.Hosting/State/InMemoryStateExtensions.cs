using HarvestOrleans.Hosting.Providers;
using HarvestOrleans.Hosting.State;
using Microsoft.Extensions.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;

[assembly: HarvestProvider(HarvestProviderKinds.State, "Memory", typeof(HarvestOrleans.Hosting.InMemoryStateProviderBuilder))]

namespace HarvestOrleans.Hosting;

/// <summary>The embedded state provider.</summary>
public static class InMemoryStateExtensions
{
    /// <summary>
    /// Keeps HarvestOrleans state (VM records, stream subscriptions, async invocation records, reminders) in the
    /// memory of this process: the embedded default (<c>Harvest:State:ProviderType=Memory</c>). The silos of one
    /// cluster in one process (an in-process test cluster) share it, so it survives the eviction or loss of any of
    /// them; it is released when the cluster's last silo in the process stops, and lost with the process. Silos in
    /// other processes do not see it: a cluster that spans processes needs a real store (e.g. <c>UseRedisState</c>).
    /// </summary>
    public static IHarvestSiloBuilder UseInMemoryState(this IHarvestSiloBuilder harvest)
    {
        var services = harvest.Services;
        if (!services.Any(s => s.ServiceType == typeof(ProcessMemoryLease)))
        {
            services.AddSingleton(sp => new ProcessMemoryLease(ProcessMemoryStores.Process, sp.GetRequiredService<IOptions<ClusterOptions>>()));
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ProcessMemoryLease>());
        }

        foreach (var name in HarvestStateStorage.ProviderNames)
        {
            services.AddGrainStorage(name, (sp, storageName) => new ProcessMemoryGrainStorage(
                storageName, sp.GetRequiredService<ProcessMemoryLease>(), sp.GetRequiredService<Serializer>(), sp.GetRequiredService<IActivatorProvider>()));
        }

        // Orleans' reminder service, on a table that is not a grain (Orleans' in-memory table would die with its silo).
        services.AddReminders();
        services.AddSingleton<IReminderTable>(sp => new ProcessMemoryReminderTable(sp.GetRequiredService<ProcessMemoryLease>(), sp.GetRequiredService<DeepCopier>()));
        return harvest;
    }
}

internal sealed class InMemoryStateProviderBuilder : IHarvestProviderBuilder
{
    public void Configure(IHarvestSiloBuilder harvest, IConfigurationSection section) => harvest.UseInMemoryState();
}
