using System.Net;
using HarvestOrleans.Hosting.Clustering;
using HarvestOrleans.Hosting.Providers;
using HarvestOrleans.Hosting.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

[assembly: HarvestProvider(HarvestProviderKinds.Clustering, RedisProvider.Name, typeof(HarvestOrleans.Hosting.Redis.RedisClusteringProviderBuilder))]

namespace HarvestOrleans.Hosting;

/// <summary>Multi-process Harvest clusters with membership in Redis.</summary>
public static class RedisClusteringExtensions
{
    /// <summary>
    /// Joins silos in separate processes through Redis (membership). Membership is tuned so that a killed silo is
    /// declared dead within a few seconds instead of Orleans' default 12–15 s: Harvest VMs disappear, and every second a
    /// dead VM stays in the table is a second of calls sent to it. The silo and gateway ports listen on
    /// <paramref name="advertisedAddress"/> only (configuration passes <c>Harvest:Cluster:Address</c>, default
    /// 127.0.0.1): they are unauthenticated, so give a private address, never a public one.
    /// </summary>
    public static ISiloBuilder UseHarvestRedisCluster(this ISiloBuilder silo, string connectionString, string clusterId, IPAddress advertisedAddress, int siloPort, int gatewayPort)
    {
        silo.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(connectionString))
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, "harvest-orleans"))
            .ConfigureEndpoints(advertisedAddress, siloPort, gatewayPort, listenOnAnyHostAddress: false)
            .Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            });
        return silo;
    }
}
