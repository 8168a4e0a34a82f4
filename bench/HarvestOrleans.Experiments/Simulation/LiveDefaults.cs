using HarvestOrleans.Client;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Policies;
using HarvestOrleans.Simulation;

namespace HarvestOrleans.Experiments.Simulation;

/// <summary>
/// The simulator's options made from the runtime's own option classes with their defaults, so a simulated cluster
/// decides with the same tunables a default silo and client do (and no default is copied into the simulator).
/// </summary>
public static class LiveDefaults
{
    /// <summary>Options for <paramref name="policy"/> in <paramref name="mode"/>, everything else as a default cluster runs.</summary>
    public static SimulationOptions For(string policy, PolicyMode mode = PolicyMode.Default, string? evictionPolicy = null, string? keepAlivePolicy = null, int seed = 1)
    {
        var balancing = new BalancingOptions { Policy = policy, Mode = mode };
        var eviction = new EvictionOptions();
        var invoker = new InvokerOptions();
        var warmPool = new WarmPoolOptions();
        var client = new HarvestClientOptions();
        return new SimulationOptions
        {
            BalancingPolicy = balancing.Policy,
            Balancing = balancing.ToSettings(),
            EvictionPolicy = evictionPolicy ?? eviction.Policy,
            Eviction = eviction.ToSettings(),
            Handover = eviction.ToHandoverSettings(),
            JoinWarmup = eviction.ToJoinSettings(),
            KeepAlivePolicy = keepAlivePolicy ?? warmPool.Policy,
            KeepAlive = warmPool.ToSettings(),
            WarmPoolSweep = warmPool.SweepInterval,
            LoadReportInterval = invoker.LoadReportInterval,
            PeakWindowReports = invoker.PeakWindowReports,
            ClusterViewRefresh = balancing.ClusterViewRefresh,
            LeaseTtl = balancing.LeaseTtl,
            RateWindow = balancing.RateWindow,
            ExecutionSamples = balancing.ExecutionSamples,
            UsageSamplesPerInterval = UsageInterval.DEFAULT_MAX_SAMPLES,
            QueueCapacity = invoker.QueueCapacity,
            MaxQueueWait = invoker.MaxQueueWait,
            MaxRoutingAttempts = client.MaxRoutingAttempts,
            MaxExecutionAttempts = client.MaxExecutionAttempts,
            RetryBaseDelay = client.RetryBaseDelay,
            Seed = seed,
        };
    }
}
