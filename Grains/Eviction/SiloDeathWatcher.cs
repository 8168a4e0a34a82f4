using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.GrainInterfaces;
using Microsoft.Extensions.Logging;
using HarvestOrleans.Resilience;
using Polly;
using Polly.Registry;

namespace HarvestOrleans.Grains.Eviction;

/// <summary>
/// The backstop for evictions without notice: when membership declares a silo dead, its VM is marked Evicted at once
/// (every surviving silo tries; the VM grain makes it happen once).
/// </summary>
internal sealed partial class SiloDeathWatcher(
    IClusterMembershipService membership,
    ClusterViewCache cluster,
    IGrainFactory grains,
    ResiliencePipelineProvider<string> pipelines,
    ILogger<SiloDeathWatcher> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ResiliencePipeline _retry = pipelines.GetPipeline(HarvestPipelines.SiloDeathMarking);
    private Task? _watch;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloDeathWatcher), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        _watch = Task.Run(() => WatchAsync(_stopping.Token));
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        if (_watch is not null)
        {
            await _watch.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task WatchAsync(CancellationToken stopping)
    {
        var known = new HashSet<SiloAddress>();
        var leaving = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stopping))
            {
                leaving.UnionWith(snapshot.Members.Values.Where(m => m.Status is SiloStatus.ShuttingDown or SiloStatus.Stopping).Select(m => m.SiloAddress));
                foreach (var member in snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && known.Add(m.SiloAddress)))
                {
                    var reason = leaving.Contains(member.SiloAddress) ? "its silo shut down" : "its silo died without notice";
                    await MarkEvictedAsync(member.SiloAddress.ToParsableString(), reason, stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task MarkEvictedAsync(string silo, string reason, CancellationToken stopping)
    {
        try
        {
            // Grains this needs may have lived on the dead silo and be re-activating elsewhere: retry for a while.
            await _retry.ExecuteAsync(async ct =>
            {
                await cluster.RefreshAsync();
                foreach (var vm in cluster.Snapshot.Vms.Where(v => v.SiloAddress == silo)) // the VM grain ignores a repeat
                {
                    LogSiloGone(silo, vm.VmId, reason);
                    await grains.GetGrain<IHarvestVmGrain>(vm.VmId).MarkEvictedAsync(reason);
                }
            }, stopping);
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            LogMarkFailed(silo, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} is dead ({Reason}): VM {VmId} is evicted")]
    private partial void LogSiloGone(string silo, string vmId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marking the VM of dead silo {Silo} evicted failed")]
    private partial void LogMarkFailed(string silo, Exception exception);
}
