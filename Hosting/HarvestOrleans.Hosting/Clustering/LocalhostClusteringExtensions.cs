using System.Net;
using HarvestOrleans.Hosting.Clustering;
using HarvestOrleans.Hosting.Providers;

[assembly: HarvestProvider(HarvestProviderKinds.Clustering, "Localhost", typeof(HarvestOrleans.Hosting.LocalhostClusteringProviderBuilder))]

namespace HarvestOrleans.Hosting;

/// <summary>
/// The embedded clustering provider (<c>Harvest:Cluster:ProviderType=Localhost</c>): Orleans' localhost clustering on
/// <c>Silo:Port</c> and <c>Silo:GatewayPort</c>, joining the primary silo on <c>Silo:PrimaryPort</c> of this machine.
/// </summary>
internal sealed class LocalhostClusteringProviderBuilder : IHarvestProviderBuilder
{
    public void Configure(IHarvestSiloBuilder harvest, IConfigurationSection section)
    {
        var (_, _, siloPort, gatewayPort, primaryPort) = HarvestClusterOptions.Read(harvest.Silo.Configuration);
        harvest.Silo.UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primaryPort));
    }
}
