using System.Net;
using HarvestOrleans.Hosting;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace HarvestOrleans.Tests.Security;

/// <summary>The unauthenticated silo and gateway ports listen on 127.0.0.1 unless an address is configured.</summary>
[Trait("Category", "Cluster")]
public sealed class SiloEndpointTests
{
    [Fact]
    public void A_harvest_silo_given_no_address_listens_on_loopback_only()
    {
        var endpoints = Endpoints(silo => silo.UseHarvest());

        Assert.Equal(IPAddress.Loopback, endpoints.AdvertisedIPAddress);
        Assert.Null(endpoints.SiloListeningEndpoint); // so it listens on the advertised address
        Assert.Null(endpoints.GatewayListeningEndpoint);
    }

    [Fact]
    public void A_configured_address_or_listening_endpoint_is_kept()
    {
        var address = IPAddress.Parse("10.1.2.3");
        Assert.Equal(address, Endpoints(silo => silo.UseHarvest().Configure<EndpointOptions>(o => o.AdvertisedIPAddress = address)).AdvertisedIPAddress);
        Assert.Equal(address, Endpoints(silo => silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = address).UseHarvest()).AdvertisedIPAddress);

        var any = Endpoints(silo => silo.UseHarvest().Configure<EndpointOptions>(o => o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, 11111)));
        Assert.Equal(IPAddress.Any, any.SiloListeningEndpoint!.Address); // and the advertised address is left to Orleans
    }

    [Fact]
    public async Task The_silo_program_in_a_redis_cluster_listens_on_loopback_unless_an_address_is_configured()
    {
        var app = SiloApplication.Build(["--Harvest:Cluster:Redis=127.0.0.1:1", "--Silo:Port=11611", "--Silo:GatewayPort=30611", "--Harvest:Http:Port=18611"]);
        try
        {
            var endpoints = app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
            Assert.Equal(IPAddress.Loopback, endpoints.AdvertisedIPAddress);
            Assert.Null(endpoints.SiloListeningEndpoint);
            Assert.Null(endpoints.GatewayListeningEndpoint);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static EndpointOptions Endpoints(Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(configure);
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
    }
}
