using System.Net;
using HarvestOrleans.Http;
using Orleans.Dashboard;
using HarvestOrleans.Provisioning;
using HarvestOrleans.Samples;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Hosting;

/// <summary>
/// The silo program's host: one Harvest VM with its HTTP trigger, dashboard and metrics. By default the quick start
/// (localhost clustering, in-memory state); with <c>Harvest:Cluster:Redis</c> a member of a multi-process cluster
/// (membership, state and reminders in Redis). Everything comes from configuration, e.g. the command line.
/// </summary>
public static class HarvestSiloHost
{
    public static WebApplication Build(string[] args, Action<IHarvestSiloBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Orleans' placement runs through a Polly pipeline that logs every execution at Information.
        builder.Logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning);
        var config = builder.Configuration;
        var siloPort = config.GetValue("Silo:Port", EndpointOptions.DEFAULT_SILO_PORT);
        var gatewayPort = config.GetValue("Silo:GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT);
        var primaryPort = config.GetValue("Silo:PrimaryPort", EndpointOptions.DEFAULT_SILO_PORT);
        var vmId = config["Harvest:Vm:VmId"] ??= $"vm-{siloPort}";
        var redis = config["Harvest:Cluster:Redis"];
        var clusterId = config.GetValue("Harvest:Cluster:ClusterId", "harvest")!;
        var address = IPAddress.Parse(config.GetValue("Harvest:Cluster:Address", "127.0.0.1")!);
        var httpPort = config.GetValue($"{HttpTriggerOptions.SectionName}:Port", new HttpTriggerOptions().Port);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, httpPort));

        builder.UseOrleans(silo =>
        {
            (redis is null
                    ? silo.UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primaryPort))
                    : silo.UseHarvestRedisCluster(redis, clusterId, address, siloPort, gatewayPort))
                .AddDashboard()
                .AddActivityPropagation()
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

                    if (config.GetValue<string>($"{ProcessProvisionerOptions.SectionName}:Kind") == "Process")
                    {
                        harvest.Services.AddOptions<ProcessProvisionerOptions>().BindConfiguration(ProcessProvisionerOptions.SectionName);
                        harvest.UseVmProvisioner<ProcessVmProvisioner>();
                    }

                    configure?.Invoke(harvest);
                });
        });
        builder.AddHarvestHttpTrigger();
        builder.AddHarvestTelemetry(vmId);

        var app = builder.Build();
        app.MapHarvestHttpTrigger();
        return app;
    }
}
