using HarvestOrleans.Hosting;
using HarvestOrleans.Hosting.Clustering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;

namespace HarvestOrleans.Http;

/// <summary>A Harvest VM as a web application: the silo, its HTTP trigger, the Orleans Dashboard and metrics.</summary>
public static class HarvestSiloApplicationExtensions
{
    /// <summary>
    /// Adds a Harvest VM silo to <paramref name="builder"/> with its HTTP trigger (on <c>Harvest:Cluster:Address</c>,
    /// port <c>Harvest:Http:Port</c>), the dashboard and telemetry. Providers come from configuration; unless it names
    /// them, the silo is the embedded default: localhost clustering and in-memory state — or, when
    /// <c>Harvest:Cluster:Redis</c> holds a connection string, Redis membership and Redis state.
    /// <paramref name="configure"/> adds functions and overrides, as in <c>UseHarvest</c>.
    /// </summary>
    public static WebApplicationBuilder AddHarvestSilo(this WebApplicationBuilder builder, Action<IHarvestSiloBuilder>? configure = null)
    {
        // Orleans' placement runs through a Polly pipeline that logs every execution at Information.
        builder.Logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning);
        AddProviderDefaults(builder.Configuration);

        var (_, address, siloPort, _, _) = HarvestClusterOptions.Read(builder.Configuration);
        var httpPort = builder.Configuration.GetValue($"{HttpTriggerOptions.SectionName}:Port", HttpTriggerOptions.DEFAULT_PORT);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, httpPort));
        builder.Configuration["Harvest:Vm:VmId"] ??= $"vm-{siloPort}";

        builder.UseOrleans(silo =>
        {
            silo.AddDashboard();
            if (HarvestTelemetryExtensions.ExportsTraces(builder.Configuration))
            {
                // Grain-call traces cost a filter on every call, each way: only when something collects them.
                silo.AddActivityPropagation();
            }

            silo.UseHarvest(configure);
        });
        builder.AddHarvestHttpTrigger();
        builder.AddHarvestTelemetry(builder.Configuration["Harvest:Vm:VmId"]!);
        return builder;
    }

    /// <summary>Maps the trigger's routes, its page, the dashboard and metrics (see <see cref="HttpTriggerHostingExtensions.MapHarvestHttpTrigger"/>).</summary>
    public static WebApplication MapHarvestSilo(this WebApplication app) => app.MapHarvestHttpTrigger();

    /// <summary>The lowest-precedence configuration: what a silo uses when nothing names a provider.</summary>
    private static void AddProviderDefaults(ConfigurationManager configuration)
    {
        var redis = configuration["Harvest:Cluster:Redis"] is { Length: > 0 };
        var defaults = new Dictionary<string, string?>
        {
            ["Harvest:Cluster:ProviderType"] = redis ? "Redis" : "Localhost",
            ["Harvest:State:ProviderType"] = redis ? "Redis" : "Memory",
        };
        ((IConfigurationBuilder)configuration).Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });
    }
}
