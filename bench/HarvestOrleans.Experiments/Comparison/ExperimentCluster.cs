using HarvestOrleans.Policies;
using HarvestOrleans.Client;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.Experiments.Scenarios;
using HarvestOrleans.Hosting;
using HarvestOrleans.Grains.Options;
using Microsoft.Extensions.DependencyInjection;
using HarvestOrleans.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Experiments.Comparison;

/// <summary>
/// A scenario's VMs as silos in this process (an in-process test cluster of the shared builder, in-memory state, a
/// local package folder) with one balancing policy, and one client. An evicted VM's silo is stopped through the cluster.
/// </summary>
internal sealed class ExperimentCluster : IAsyncDisposable
{
    /// <summary>How often each VM reports its load here: twice the default, as the runs are seconds long (the simulated comparison uses it too).</summary>
    internal static readonly TimeSpan LoadReportInterval = TimeSpan.FromMilliseconds(500);

    private readonly HarvestTestCluster _cluster;

    private ExperimentCluster(HarvestTestCluster cluster) => _cluster = cluster;

    public HarvestClient Client => _cluster.Client;

    public HarvestOperator Operator => _cluster.Operator;

    /// <param name="basePort">Unused: the in-process cluster allocates its own (in-memory) endpoints. Kept so cells stay distinguishable in logs.</param>
    /// <param name="configure">More of every silo's harvest configuration (functions registered in code, options).</param>
    public static async Task<ExperimentCluster> StartAsync(ClusterScenario scenario, string policy, PolicyMode mode, string resourcePolicy, string packageFolder, int basePort, LogLevel logLevel, CancellationToken cancellationToken, Action<IHarvestSiloBuilder>? configure = null)
    {
        _ = basePort;
        var builder = new HarvestTestClusterBuilder()
            .UseFastTestTimings(false)
            .ConfigureTestCluster(cluster =>
            {
                cluster.Options.ConfigureFileLogging = false;
                cluster.ConfigureHost(host => host.Logging.AddConsole().SetMinimumLevel(logLevel));
            })
            .ConfigureHarvest(harvest => harvest
                .UseLocalPackageStore(packageFolder)
                .ConfigureBalancing(o => (o.Policy, o.Mode) = (policy, mode))
                .ConfigureResources(o => o.Policy = resourcePolicy)
                .ConfigureInvoker(o => o.LoadReportInterval = LoadReportInterval))
            .ConfigureHarvest(harvest => configure?.Invoke(harvest));
        foreach (var vm in scenario.Vms)
        {
            builder.AddVm(vm.VmId, vm.Cores, vm.Role, harvest =>
            {
                if (vm.TracePath is not null)
                {
                    harvest.ConfigureMonitor(o => (o.CoreSource, o.TracePath, o.TimeScale, o.LoopTrace) = (CoreSourceKind.Trace, vm.TracePath, scenario.TraceTimeScale, true));
                }
            });
        }

        return new ExperimentCluster(await builder.StartAsync(cancellationToken));
    }

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}
