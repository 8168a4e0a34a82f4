using HarvestOrleans.Hosting.Providers;
using HarvestOrleans.Hosting.Redis;
using HarvestOrleans.Hosting.State;
using Orleans.Persistence;
using StackExchange.Redis;

[assembly: HarvestProvider(HarvestProviderKinds.State, RedisProvider.Name, typeof(HarvestOrleans.Hosting.Redis.RedisStateProviderBuilder))]

namespace HarvestOrleans.Hosting;

/// <summary>HarvestOrleans state in Redis.</summary>
public static class RedisStateExtensions
{
    /// <summary>
    /// Keeps HarvestOrleans state (and the reminders that resume async invocations) in Redis, so VM and invocation
    /// records survive their silos (<c>Harvest:State:ProviderType=Redis</c>).
    /// </summary>
    public static IHarvestSiloBuilder UseRedisState(this IHarvestSiloBuilder harvest, string connectionString)
    {
        foreach (var name in HarvestStateStorage.ProviderNames)
        {
            harvest.Silo.AddRedisGrainStorage(name, (OptionsBuilder<RedisStorageOptions> options) => options.WithOrleansSerializer()
                .Configure(o => (o.ConfigurationOptions, o.DeleteStateOnClear) = (ConfigurationOptions.Parse(connectionString), true))); // an expired async record leaves no key
        }

        harvest.Silo.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(connectionString));
        return harvest;
    }
}
