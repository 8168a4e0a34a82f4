using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.Grains.Provisioning;
using Orleans.TestingHost;

namespace HarvestOrleans.Testing;

/// <summary>The test cluster, once built: the silos' shutdown and provisioner reach it through this.</summary>
internal sealed class ClusterHolder
{
    public InProcessTestCluster? Cluster { get; set; }
}

/// <summary>
/// Stops a drained silo through the test cluster: in-process test silos are started without RunAsync, so the
/// production path (stopping the host application) would leave them running.
/// </summary>
internal sealed class TestClusterSiloShutdown(ClusterHolder holder, string siloName) : ISiloShutdown
{
    public void Shutdown(string reason)
    {
        var cluster = holder.Cluster;
        var handle = cluster?.Silos.FirstOrDefault(s => s.Name == siloName);
        if (cluster is not null && handle is not null)
        {
            _ = Task.Run(() => cluster.StopSiloAsync(handle));
        }
    }
}

/// <summary>Provisions by starting another silo of the test cluster (its VM comes from the builder's provisioned-VM function).</summary>
internal sealed class TestClusterProvisioner(ClusterHolder holder) : IVmProvisioner
{
    public async Task<string> ProvisionAsync(double cores, CancellationToken cancellationToken)
    {
        var cluster = holder.Cluster ?? throw new InvalidOperationException("The test cluster is not built yet.");
        var silo = await cluster.StartAdditionalSiloAsync();
        return $"started {silo.Name} for {cores} missing core(s)";
    }
}
