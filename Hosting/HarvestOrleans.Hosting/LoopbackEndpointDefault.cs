using System.Net;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Hosting;

/// <summary>
/// The silo-to-silo and gateway ports are not authenticated (whoever reaches them can call any grain, deploy a package
/// and so run code on every silo), so a Harvest silo given no address listens on 127.0.0.1 only, instead of Orleans'
/// default of this machine's first network address. Runs before Orleans' own defaults; any address or listening endpoint
/// that was configured (<c>ConfigureEndpoints</c>, <c>UseLocalhostClustering</c>, <c>Harvest:Cluster:Address</c>) is kept.
/// </summary>
internal sealed class LoopbackEndpointDefault : IPostConfigureOptions<EndpointOptions>
{
    public void PostConfigure(string? name, EndpointOptions options)
    {
        if (options.AdvertisedIPAddress is null && options.SiloListeningEndpoint is null && options.GatewayListeningEndpoint is null)
        {
            options.AdvertisedIPAddress = IPAddress.Loopback;
        }
    }
}
