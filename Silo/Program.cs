using System.Net;
using HarvestOrleans.Hosting;
using HarvestOrleans.Samples;
using HarvestOrleans.Silo.Demo;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// "demo": a self-contained tour on a three-VM cluster in this process, then exit.
if (args.Contains("demo"))
{
    return await ClusterDemo.RunAsync();
}

// Otherwise a long-lived silo with the sample functions. By default the quick start: localhost clustering, in-memory
// state. With --Harvest:Cluster:Redis=<connection string> it joins a multi-process cluster through Redis (membership and
// state in Redis). Override anything from the command line, e.g. --Harvest:Vm:Cores=8 --Harvest:Balancing:Policy=JoinShortestQueue.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddFilter("Orleans", LogLevel.Warning);
var siloPort = builder.Configuration.GetValue("Silo:Port", EndpointOptions.DEFAULT_SILO_PORT);
var gatewayPort = builder.Configuration.GetValue("Silo:GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT);
var primaryPort = builder.Configuration.GetValue("Silo:PrimaryPort", EndpointOptions.DEFAULT_SILO_PORT);
builder.Configuration["Harvest:Vm:VmId"] ??= $"vm-{siloPort}";

var redis = builder.Configuration["Harvest:Cluster:Redis"];
var clusterId = builder.Configuration.GetValue("Harvest:Cluster:ClusterId", "harvest")!;
var address = IPAddress.Parse(builder.Configuration.GetValue("Harvest:Cluster:Address", "127.0.0.1")!);

builder.UseOrleans(silo => (redis is null
        ? silo.UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primaryPort))
        : silo.UseHarvestRedisCluster(redis, clusterId, address, siloPort, gatewayPort))
    .UseHarvest(harvest =>
    {
        if (redis is null)
        {
            harvest.UseInMemoryState();
        }
        else
        {
            harvest.UseRedisState(redis);
        }

        foreach (var (spec, create) in SampleFunctions.All)
        {
            harvest.AddFunction(spec, _ => create());
        }
    }));

await builder.Build().RunAsync();
return 0;
