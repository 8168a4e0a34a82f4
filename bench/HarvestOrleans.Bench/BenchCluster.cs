using System.Net;
using HarvestOrleans.Client;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Hosting;
using HarvestOrleans.Samples;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Bench;

/// <summary>Three silos on localhost (TCP, localhost clustering, in-memory state) and one external client.</summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private const int BaseSiloPort = 11_411;
    private const int BaseGatewayPort = 30_400;
    private readonly List<IHost> _silos = [];
    private IHost? _client;

    public int SiloCount { get; }

    private BenchCluster(int siloCount) => SiloCount = siloCount;

    public IClusterClient Orleans => _client!.Services.GetRequiredService<IClusterClient>();

    public HarvestClient Harvest => _client!.Services.GetRequiredService<HarvestClient>();

    public HarvestOperator Operator => _client!.Services.GetRequiredService<HarvestOperator>();

    /// <param name="cores">Cores per VM. The overhead benchmark sizes VMs so that admission never queues a no-op.</param>
    public static async Task<BenchCluster> StartAsync(int siloCount, double cores, Action<IHarvestSiloBuilder>? configure = null)
    {
        var cluster = new BenchCluster(siloCount);
        for (var i = 0; i < siloCount; i++)
        {
            var index = i;
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.UseOrleans(silo => silo
                .UseLocalhostClustering(BaseSiloPort + index, BaseGatewayPort + index, new IPEndPoint(IPAddress.Loopback, BaseSiloPort))
                .UseHarvest(harvest =>
                {
                    harvest.UseInMemoryState().ConfigureVm(vm => (vm.VmId, vm.Cores) = ($"vm-{index}", cores)).AddFunctions(SampleFunctions.All);

                    configure?.Invoke(harvest);
                }));
            var host = builder.Build();
            await host.StartAsync();
            cluster._silos.Add(host);
        }

        var clientBuilder = Host.CreateApplicationBuilder();
        clientBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
        clientBuilder.UseOrleansClient(client => client
            .UseLocalhostClustering(Enumerable.Range(0, siloCount).Select(i => BaseGatewayPort + i).ToArray())
            .UseHarvestClient());
        cluster._client = clientBuilder.Build();
        await cluster._client.StartAsync();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await cluster.Operator.GetClusterAsync()).Vms.Count(v => v.State == VmState.Active) < siloCount)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{siloCount} VMs did not register within 60 s.");
            }

            await Task.Delay(50);
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
            await silo.StopAsync();
            silo.Dispose();
        }
    }
}
