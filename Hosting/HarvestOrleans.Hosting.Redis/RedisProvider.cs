using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace HarvestOrleans.Hosting.Redis;

/// <summary>
/// The Redis providers' configuration: <c>ProviderType=Redis</c> in <c>Harvest:Cluster</c> or <c>Harvest:State</c>,
/// with the connection string in that section's <c>ConnectionString</c>, or else <c>Harvest:Cluster:Redis</c>, the one
/// setting that puts a silo's membership and state in the same Redis.
/// </summary>
internal static class RedisProvider
{
    public const string Name = "Redis";

    public static string ConnectionString(IConfiguration root, IConfigurationSection section) =>
        section["ConnectionString"] is { Length: > 0 } own ? own
        : root["Harvest:Cluster:Redis"] is { Length: > 0 } shared ? shared
        : throw new OrleansConfigurationException($"{section.Path}:ProviderType is Redis but neither {section.Path}:ConnectionString nor Harvest:Cluster:Redis is set.");
}

internal sealed class RedisClusteringProviderBuilder : Providers.IHarvestProviderBuilder
{
    public void Configure(IHarvestSiloBuilder harvest, IConfigurationSection section)
    {
        var root = harvest.Silo.Configuration;
        var (options, address, siloPort, gatewayPort, _) = Clustering.HarvestClusterOptions.Read(root);
        harvest.Silo.UseHarvestRedisCluster(RedisProvider.ConnectionString(root, section), options.ClusterId, address, siloPort, gatewayPort);
    }
}

internal sealed class RedisStateProviderBuilder : Providers.IHarvestProviderBuilder
{
    public void Configure(IHarvestSiloBuilder harvest, IConfigurationSection section) =>
        harvest.UseRedisState(RedisProvider.ConnectionString(harvest.Silo.Configuration, section));
}
