using HarvestOrleans.Client;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Hosting;
using HarvestOrleans.Samples;
using HarvestOrleans.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Bench;

/// <summary>Silos in this process (an in-process test cluster of the shared builder, in-memory state) and one client.</summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly HarvestTestCluster _cluster;

    private BenchCluster(HarvestTestCluster cluster, int siloCount) => (_cluster, SiloCount) = (cluster, siloCount);

    public int SiloCount { get; }

    public IClusterClient Orleans => _cluster.Cluster.Client;

    public HarvestClient Harvest => _cluster.Client;

    public HarvestOperator Operator => _cluster.Operator;

    /// <summary>The test cluster itself: evicting and killing its VMs.</summary>
    public HarvestTestCluster Vms => _cluster;

    /// <param name="cores">Cores per VM. The overhead benchmark sizes VMs so that admission never queues a no-op.</param>
    public static async Task<BenchCluster> StartAsync(int siloCount, double cores, Action<IHarvestSiloBuilder>? configure = null)
    {
        var builder = new HarvestTestClusterBuilder()
            .UseFastTestTimings(false)
            .ConfigureTestCluster(cluster =>
            {
                cluster.Options.ConfigureFileLogging = false;
                cluster.ConfigureHost(host => host.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning));
            })
            .ConfigureHarvest(harvest =>
            {
                harvest.AddFunctions(SampleFunctions.All);
                configure?.Invoke(harvest);
            });
        for (var i = 0; i < siloCount; i++)
        {
            builder.AddVm($"vm-{i}", cores);
        }

        return new BenchCluster(await builder.StartAsync(), siloCount);
    }

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}
