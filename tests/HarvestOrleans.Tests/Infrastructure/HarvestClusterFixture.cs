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

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public HarvestClient Client { get; private set; } = null!;

    public HarvestOperator Operator { get; private set; } = null!;

    public static string VmIdOf(string siloName) => "vm" + siloName.Split('_')[^1];

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((options, silo) =>
        {
            var index = int.Parse(options.SiloName.Split('_')[^1]);
            silo.UseHarvest(harvest => harvest
                .UseInMemoryState()
                .ConfigureVm(vm =>
                {
                    vm.VmId = VmIdOf(options.SiloName);
                    vm.Cores = CoresBySilo[index % CoresBySilo.Length];
                })
                .UseFastTestTimings()
                .AddTestFunctions());
        });
        builder.ConfigureClient(client => client.UseHarvestClient());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Client = Cluster.Client.ServiceProvider.GetRequiredService<HarvestClient>();
        Operator = Cluster.Client.ServiceProvider.GetRequiredService<HarvestOperator>();
        await WaitForActiveVmsAsync(3);
    }

    public async Task WaitForActiveVmsAsync(int count) =>
        await Eventually.WaitUntilAsync(
            async () => (await Operator.GetClusterAsync()).Vms.Count(v => v.State == VmState.Active) == count,
            $"{count} VMs are registered and active");

    /// <summary>Waits until no VM runs anything and none has recent peak usage: placement then sees an idle cluster.</summary>
    public async Task WaitForIdleAsync() =>
        await Eventually.WaitUntilAsync(
            async () => (await Operator.GetClusterAsync()).Vms.All(v => v.Load.CoresInUse == 0 && v.Load.RecentPeakCores == 0 && v.Load.QueueLength == 0),
            "every VM is idle, with no recent peak usage");

    public FunctionInvoker InvokerOf(string vmId)
    {
        foreach (var silo in Cluster.GetActiveSilos())
        {
            var invoker = Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<FunctionInvoker>();
            if (invoker.VmId == vmId)
            {
                return invoker;
            }
        }

        throw new InvalidOperationException($"No active silo runs VM '{vmId}'.");
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedClusterCollection : ICollectionFixture<HarvestClusterFixture>
{
    public const string Name = "shared cluster";
}
