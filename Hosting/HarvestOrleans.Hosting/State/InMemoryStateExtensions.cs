using HarvestOrleans.Hosting.Providers;
using HarvestOrleans.Hosting.State;
using Microsoft.Extensions.Configuration;

[assembly: HarvestProvider(HarvestProviderKinds.State, "Memory", typeof(HarvestOrleans.Hosting.InMemoryStateProviderBuilder))]

namespace HarvestOrleans.Hosting;

/// <summary>The embedded state provider.</summary>
public static class InMemoryStateExtensions
{
    /// <summary>
    /// Keeps HarvestOrleans state (VM records, stream subscriptions, async invocation records, reminders) in silo memory:
    /// the embedded default (<c>Harvest:State:ProviderType=Memory</c>). It is lost when the cluster stops, and a record
    /// can be lost with the silo holding it; use a real store (e.g. <c>UseRedisState</c>) in production.
    /// </summary>
    public static IHarvestSiloBuilder UseInMemoryState(this IHarvestSiloBuilder harvest)
    {
        foreach (var name in HarvestStateStorage.ProviderNames)
        {
            harvest.Silo.AddMemoryGrainStorage(name, (OptionsBuilder<MemoryGrainStorageOptions> options) => options.WithOrleansSerializer());
        }

        harvest.Silo.UseInMemoryReminderService();
        return harvest;
    }
}

internal sealed class InMemoryStateProviderBuilder : IHarvestProviderBuilder
{
    public void Configure(IHarvestSiloBuilder harvest, IConfigurationSection section) => harvest.UseInMemoryState();
}
