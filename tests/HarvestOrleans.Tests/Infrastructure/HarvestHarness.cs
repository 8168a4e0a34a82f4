using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Client;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.Hosting;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Grains.Provisioning;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>
/// A cluster for the harvest-dynamics tests: silos with state in a real Redis (so VM records survive their silos),
/// fast load reports and membership, a provisioner that starts more silos, and per-test tweaks. One per test: these
/// tests evict and kill silos. VM <c>vm{i}</c> runs on silo i.
/// </summary>
public sealed class HarvestHarness : IAsyncDisposable
{
    private readonly RedisServer _redis;

    private HarvestHarness(RedisServer redis, HarvestTestCluster harvest)
    {
        _redis = redis;
        Harvest = harvest;
    }

    public HarvestTestCluster Harvest { get; }

    public InProcessTestCluster Cluster => Harvest.Cluster;

    public HarvestClient Client => Harvest.Client;

    public HarvestOperator Operator => Harvest.Operator;

    public static async Task<HarvestHarness> StartAsync(
        int silos,
        Func<int, double> coresOf,
        Action<int, IHarvestSiloBuilder>? configure = null)
    {
        var redis = await RedisServer.StartAsync();
        var builder = new HarvestTestClusterBuilder()
            .UseState(harvest => harvest.UseRedisState(redis.ConnectionString))
            .UseTestClusterProvisioner(index => new HarvestTestVm($"vm{index}", coresOf(index)))
            .ConfigureSilo((_, silo) => silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            }))
            .ConfigureHarvest((vm, harvest) =>
            {
                harvest.AddTestFunctions();
                configure?.Invoke(int.Parse(vm.VmId["vm".Length..]), harvest);
            })
            .ConfigureClient(o => o.ResponseGrace = TimeSpan.FromSeconds(2));
        for (var i = 0; i < silos; i++)
        {
            builder.AddVm($"vm{i}", coresOf(i));
        }

        try
        {
            return new HarvestHarness(redis, await builder.StartAsync());
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    public Task WaitForActiveVmsAsync(int count) => Harvest.WaitForActiveVmsAsync(count);

    public InProcessSiloHandle SiloOf(string vmId) => Harvest.SiloOf(vmId);

    public FunctionInvoker InvokerOf(string vmId) => Harvest.ServiceOf<FunctionInvoker>(vmId);

    /// <summary>The VM whose silo hosts the function's grain, or null if it is not active anywhere.</summary>
    public string? SiloHostingFunction(string function) =>
        Harvest.RunningVmIds
            .FirstOrDefault(vm => Harvest.ServiceOf<LocalGrainRegistry>(vm).Functions.Any(f => f.GetPrimaryKeyString() == function));

    /// <summary>Whether the VM's silo is an active cluster member (a stopped silo is not).</summary>
    public bool IsSiloActive(string vmId) => Harvest.IsSiloActive(vmId);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Harvest.DisposeAsync();
        }
        finally
        {
            await _redis.DisposeAsync();
        }
    }
}
