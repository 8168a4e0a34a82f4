using HarvestOrleans.Client;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Hosting;
using HarvestOrleans.Grains.Invoker;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>A three-silo in-process cluster whose VMs have 2, 4 and 8 cores, with fast report and refresh intervals.</summary>
public class HarvestClusterFixture : IAsyncLifetime
{
    public static readonly double[] CoresBySilo = [2, 4, 8];

    public HarvestTestCluster Harvest { get; private set; } = null!;

    public InProcessTestCluster Cluster => Harvest.Cluster;

    public HarvestClient Client => Harvest.Client;

    public HarvestOperator Operator => Harvest.Operator;

    public static string VmIdOf(string siloName) => "vm" + siloName.Split('_')[^1];

    public async Task InitializeAsync() =>
        Harvest = await new HarvestTestClusterBuilder()
            .AddVms(CoresBySilo)
            .ConfigureHarvest(harvest => harvest.AddTestFunctions())
            .StartAsync();

    public Task WaitForActiveVmsAsync(int count) => Harvest.WaitForActiveVmsAsync(count);

    /// <summary>Waits until no VM runs anything and none has recent peak usage: placement then sees an idle cluster.</summary>
    public async Task WaitForIdleAsync() =>
        await Eventually.WaitUntilAsync(
            async () => (await Operator.GetClusterAsync()).Vms.All(v => v.Load.CoresInUse == 0 && v.Load.RecentPeakCores == 0 && v.Load.QueueLength == 0),
            "every VM is idle, with no recent peak usage");

    public FunctionInvoker InvokerOf(string vmId) => Harvest.ServiceOf<FunctionInvoker>(vmId);

    public async Task DisposeAsync() => await Harvest.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedClusterCollection : ICollectionFixture<HarvestClusterFixture>
{
    public const string Name = "shared cluster";
}
