using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Routing;
using HarvestOrleans.Grains.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Http;

/// <summary>One VM at one sample of the cluster history.</summary>
public sealed record VmSample(string VmId, VmState State, double Cores, double CoresInUse, int QueueLength);

/// <summary>The cluster at one moment, as the page draws it.</summary>
public sealed record ClusterSample(DateTimeOffset At, VmSample[] Vms);

/// <summary>What the page shows: every VM's cores and load over time, and every function's current worker set.</summary>
public sealed record ClusterHistoryView(ClusterSample[] Samples, VmSnapshot[] Vms, FunctionRoutingInfo[] Functions, PolicySelection Policy);

/// <summary>
/// Samples this silo's cluster view (already refreshed every half second for the FunctionGrains) into a bounded
/// history, so the page can draw cores and load over time without a store of its own.
/// </summary>
internal sealed class ClusterHistory(ClusterViewCache cluster, LivePolicies policies, IOptions<HttpTriggerOptions> options, TimeProvider time) : BackgroundService
{
    private readonly Queue<ClusterSample> _samples = new();

    public ClusterHistoryView View()
    {
        ClusterSample[] samples;
        lock (_samples)
        {
            samples = [.. _samples];
        }

        var snapshot = cluster.Snapshot;
        return new ClusterHistoryView(samples, snapshot.Vms, snapshot.Functions, policies.Selection);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HistoryInterval, time);
        do
        {
            var snapshot = cluster.Snapshot;
            if (snapshot.TakenAt == default)
            {
                continue;
            }

            var sample = new ClusterSample(time.GetUtcNow(), snapshot.Vms
                .Select(v => new VmSample(v.VmId, v.State, v.Cores, v.Load.CoresInUse, v.Load.QueueLength))
                .ToArray());
            lock (_samples)
            {
                _samples.Enqueue(sample);
                while (_samples.Count > options.Value.HistoryLength)
                {
                    _samples.Dequeue();
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
