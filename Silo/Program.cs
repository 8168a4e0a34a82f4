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

// Otherwise the quick-start silo: localhost clustering, in-memory state, the sample functions.
// Override anything from the command line, e.g. --Harvest:Vm:Cores=8 --Harvest:Balancing:Policy=JoinShortestQueue.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddFilter("Orleans", LogLevel.Warning);
var siloPort = builder.Configuration.GetValue("Silo:Port", EndpointOptions.DEFAULT_SILO_PORT);
var gatewayPort = builder.Configuration.GetValue("Silo:GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT);
var primaryPort = builder.Configuration.GetValue("Silo:PrimaryPort", EndpointOptions.DEFAULT_SILO_PORT);
builder.Configuration["Harvest:Vm:VmId"] ??= $"vm-{siloPort}";

builder.UseOrleans(silo => silo
    .UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primaryPort))
    .UseHarvest(harvest =>
    {
        harvest.UseInMemoryState();
        foreach (var (spec, create) in SampleFunctions.All)
        {
            harvest.AddFunction(spec, _ => create());
        }
    }));

await builder.Build().RunAsync();
return 0;
