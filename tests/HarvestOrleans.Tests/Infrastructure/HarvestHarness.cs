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
/// fast load reports and membership, and per-test tweaks. One per test: these tests evict and kill silos.
/// </summary>
public sealed class HarvestHarness : IAsyncDisposable
{
    private readonly RedisServer _redis;

    private HarvestHarness(RedisServer redis, InProcessTestCluster cluster)
    {
        _redis = redis;
        Cluster = cluster;
        Client = cluster.Client.ServiceProvider.GetRequiredService<HarvestClient>();
        Operator = cluster.Client.ServiceProvider.GetRequiredService<HarvestOperator>();
    }

    public InProcessTestCluster Cluster { get; }

    public HarvestClient Client { get; }

    public HarvestOperator Operator { get; }

    public static async Task<HarvestHarness> StartAsync(
        int silos,
        Func<int, double> coresOf,
        Action<int, IHarvestSiloBuilder>? configure = null)
    {
        var redis = await RedisServer.StartAsync();
        var holder = new ClusterHolder();
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((options, silo) =>
        {
            var index = int.Parse(options.SiloName.Split('_')[^1]);
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
            silo.UseHarvest(harvest =>
            {
                harvest.UseRedisState(redis.ConnectionString)
                    .ConfigureVm(vm => (vm.VmId, vm.Cores) = ($"vm{index}", coresOf(index)))
                    .UseFastTestTimings()
                    .AddTestFunctions();
                harvest.Services.AddSingleton<IVmProvisioner>(new TestClusterProvisioner(holder));
                harvest.Services.AddSingleton<ISiloShutdown>(new TestClusterSiloShutdown(holder, options.SiloName));
                configure?.Invoke(index, harvest);
            });
        });
        builder.ConfigureClient(client => client.UseHarvestClient(o => o.ResponseGrace = TimeSpan.FromSeconds(2)));
        var cluster = builder.Build();
        holder.Cluster = cluster;
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            await redis.DisposeAsync();
            throw;
        }

        var harness = new HarvestHarness(redis, cluster);
        await harness.WaitForActiveVmsAsync(silos);
        return harness;
    }

    public async Task WaitForActiveVmsAsync(int count) =>
        await Eventually.WaitUntilAsync(
            async () => (await Operator.GetClusterAsync()).Vms.Count(v => v.State == VmState.Active) == count,
            $"{count} VMs are registered and active");

    public InProcessSiloHandle SiloOf(string vmId) =>
        Cluster.Silos.First(s => HarvestClusterFixture.VmIdOf(s.Name) == vmId);

    public FunctionInvoker InvokerOf(string vmId) =>
        Cluster.GetSiloServiceProvider(SiloOf(vmId).SiloAddress).GetRequiredService<FunctionInvoker>();

    /// <summary>The VM whose silo hosts the function's grain, or null if it is not active anywhere.</summary>
    public string? SiloHostingFunction(string function) =>
        Cluster.GetActiveSilos()
            .Where(s => Cluster.GetSiloServiceProvider(s.SiloAddress).GetRequiredService<LocalGrainRegistry>().Functions
                .Any(f => f.GetPrimaryKeyString() == function))
            .Select(s => HarvestClusterFixture.VmIdOf(s.Name))
            .FirstOrDefault();

    public bool IsSiloActive(string vmId)
    {
        // A stopped silo leaves the cluster's list of handles: gone counts as not active.
        var silo = Cluster.Silos.FirstOrDefault(s => HarvestClusterFixture.VmIdOf(s.Name) == vmId);
        var survivor = Cluster.Silos.FirstOrDefault(s => HarvestClusterFixture.VmIdOf(s.Name) != vmId && s.IsActive);
        if (silo is null || survivor is null)
        {
            return false;
        }

        var membership = Cluster.GetSiloServiceProvider(survivor.SiloAddress).GetRequiredService<IClusterMembershipService>();
        return membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress) == SiloStatus.Active;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.DisposeAsync();
        }
        finally
        {
            await _redis.DisposeAsync();
        }
    }

    public sealed class ClusterHolder
    {
        public InProcessTestCluster? Cluster { get; set; }
    }

    /// <summary>
    /// Stops the drained silo through the test cluster: in-process test silos are started without RunAsync, so the
    /// production path (stopping the host application) would leave them running.
    /// </summary>
    public sealed class TestClusterSiloShutdown(ClusterHolder holder, string siloName) : ISiloShutdown
    {
        public void Shutdown(string reason)
        {
            var cluster = holder.Cluster!;
            var handle = cluster.Silos.First(s => s.Name == siloName);
            _ = Task.Run(() => cluster.StopSiloAsync(handle));
        }
    }

    /// <summary>Provisions by starting another TestCluster silo (its cores come from the harness's cores function).</summary>
    public sealed class TestClusterProvisioner(ClusterHolder holder) : IVmProvisioner
    {
        public async Task<string> ProvisionAsync(double cores, CancellationToken cancellationToken)
        {
            var cluster = holder.Cluster ?? throw new InvalidOperationException("The test cluster is not built yet.");
            var silo = await cluster.StartAdditionalSiloAsync();
            return $"started {silo.Name} for {cores} missing core(s)";
        }
    }
}
