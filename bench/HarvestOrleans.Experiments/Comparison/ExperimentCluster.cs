using System.Net;
using HarvestOrleans.Client;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.Experiments.Scenarios;
using HarvestOrleans.Hosting;
using HarvestOrleans.Grains.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Experiments.Comparison;

/// <summary>
/// A scenario's VMs as silos in this process (TCP, localhost clustering, in-memory state, a local package folder) with
/// one balancing policy, and one external client.
/// </summary>
internal sealed class ExperimentCluster : IAsyncDisposable
{
    private readonly List<IHost> _silos = [];
    private IHost? _client;

    public HarvestClient Client => _client!.Services.GetRequiredService<HarvestClient>();

    public HarvestOperator Operator => _client!.Services.GetRequiredService<HarvestOperator>();

    public static async Task<ExperimentCluster> StartAsync(ClusterScenario scenario, string policy, string packageFolder, int basePort, LogLevel logLevel, CancellationToken cancellationToken)
    {
        var cluster = new ExperimentCluster();
        var siloPort = basePort;
        var gatewayPort = basePort + 1000;
        for (var i = 0; i < scenario.Vms.Count; i++)
        {
            var vm = scenario.Vms[i];
            var index = i;
            var holder = new IHost?[1];
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(logLevel);
            builder.UseOrleans(silo => silo
                .UseLocalhostClustering(siloPort + index, gatewayPort + index, new IPEndPoint(IPAddress.Loopback, siloPort))
                .UseHarvest(harvest =>
                {
                    harvest
                        .UseInMemoryState()
                        .UseLocalPackageStore(packageFolder)
                        .ConfigureVm(o => (o.VmId, o.Cores, o.Role) = (vm.VmId, vm.Cores, vm.Role))
                        .ConfigureBalancing(o => o.Policy = policy)
                        .ConfigureInvoker(o => o.LoadReportInterval = TimeSpan.FromMilliseconds(500));
                    if (vm.TracePath is not null)
                    {
                        harvest.ConfigureMonitor(o => (o.CoreSource, o.TracePath, o.TimeScale, o.LoopTrace) = (CoreSourceKind.Trace, vm.TracePath, scenario.TraceTimeScale, true));
                    }

                    // These silos are not run with RunAsync: an evicted VM's silo is stopped through its host.
                    harvest.Services.AddSingleton<ISiloShutdown>(new StopHost(holder));
                }));
            var host = builder.Build();
            holder[0] = host;
            await host.StartAsync(cancellationToken);
            cluster._silos.Add(host);
        }

        var clientBuilder = Host.CreateApplicationBuilder();
        clientBuilder.Logging.SetMinimumLevel(logLevel);
        clientBuilder.UseOrleansClient(client => client
            .UseLocalhostClustering(Enumerable.Range(0, scenario.Vms.Count).Select(i => gatewayPort + i).ToArray())
            .UseHarvestClient());
        cluster._client = clientBuilder.Build();
        await cluster._client.StartAsync(cancellationToken);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await cluster.Operator.GetClusterAsync()).Vms.Count(v => v.State == VmState.Active) < scenario.Vms.Count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{scenario.Vms.Count} VMs did not register within 60 s.");
            }

            await Task.Delay(50, cancellationToken);
        }

        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        foreach (var silo in Enumerable.Reverse(_silos))
        {
            try
            {
                await silo.StopAsync();
            }
            catch (ObjectDisposedException)
            {
            }

            silo.Dispose();
        }
    }

    private sealed class StopHost(IHost?[] holder) : ISiloShutdown
    {
        public void Shutdown(string reason) => _ = Task.Run(() => holder[0]?.StopAsync());
    }
}
