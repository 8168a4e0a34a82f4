using System.Diagnostics;
using HarvestOrleans.Cluster;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Cluster;

/// <summary>
/// This silo's copy of the cluster registry, refreshed every <see cref="BalancingOptions.ClusterViewRefresh"/>, so that
/// every FunctionGrain on the silo plans against the same recent view (and the cluster's current policy choice) without a
/// grain call per plan.
/// </summary>
public sealed partial class ClusterViewCache(
    IGrainFactory grains,
    IOptions<BalancingOptions> options,
    LivePolicies policies,
    ILogger<ClusterViewCache> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly Lock _gate = new();
    private volatile View _view = new(ClusterSnapshot.Empty, [], new Dictionary<string, VmSnapshot>());
    private Task? _refreshing;
    private long _lastRefreshStarted;
    private Task? _queued;
    private PeriodicLoop? _loop;

    public ClusterSnapshot Snapshot => _view.Snapshot;

    /// <summary>VMs that are not evicted, as balancing policies see them.</summary>
    public IReadOnlyList<VmView> Vms => _view.Vms;

    public string? SiloOf(string vmId) => _view.LiveByVm.GetValueOrDefault(vmId)?.SiloAddress;

    /// <summary>When the VM's load in this view was reported (default: no such live VM).</summary>
    public DateTimeOffset ReportedAtOf(string vmId) => _view.LiveByVm.GetValueOrDefault(vmId)?.Load.ReportedAt ?? default;

    /// <summary>Makes sure at least one refresh has happened (the first plan after start-up must not see an empty cluster).</summary>
    public Task EnsureLoadedAsync() => _view.Snapshot.TakenAt != default ? Task.CompletedTask : RefreshAsync();

    /// <summary>
    /// Refreshes ahead of the period, when a planner finds a VM's next report due (<see cref="LeaseLifetime.IsDue"/>),
    /// unless the view was refreshed less than <see cref="LeaseLifetime.EARLY_REFRESH_SHARE"/> of a period ago. Planners
    /// do not wait for it; it ends within one refresh period and never fails: a registry that is moving or slow leaves the
    /// view as it is, as the periodic refresh would (that refresh goes on and lands when it can).
    /// </summary>
    public async Task RefreshEarlyAsync()
    {
        var period = options.Value.ClusterViewRefresh;
        if (!LeaseLifetime.MayRefreshEarly(Stopwatch.GetElapsedTime(Volatile.Read(ref _lastRefreshStarted)), period))
        {
            return;
        }

        try
        {
            await RefreshAsync().WaitAsync(period).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogEarlyRefreshFailed(ex);
        }
    }

    /// <summary>
    /// Reads the registry in a call that starts after this one, so the view has what the caller already knows (an
    /// eviction it was told of, say). Concurrent callers share calls: at most one is in flight and one queued behind it.
    /// </summary>
    public Task RefreshAsync()
    {
        lock (_gate)
        {
            if (_queued is { } queued)
            {
                return queued; // not started yet, so it starts after this call too
            }

            if (_refreshing is { IsCompleted: false } running)
            {
                return _queued = RefreshAfterAsync(running);
            }

            return _refreshing = RefreshCoreAsync();
        }
    }

    private async Task RefreshAfterAsync(Task running)
    {
        await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding);
        Task next;
        lock (_gate)
        {
            _queued = null;
            next = _refreshing = RefreshCoreAsync();
        }

        await next.ConfigureAwait(false);
    }

    private async Task RefreshCoreAsync()
    {
        Volatile.Write(ref _lastRefreshStarted, Stopwatch.GetTimestamp());
        var selection = grains.GetGrain<IPolicyGrain>(IPolicyGrain.Key).GetAsync();
        var snapshot = await grains.GetGrain<IClusterRegistryGrain>(IClusterRegistryGrain.Key).GetSnapshotAsync().ConfigureAwait(false);
        policies.Apply(await selection.ConfigureAwait(false));
        var live = snapshot.Vms.Where(v => v.State != VmState.Evicted).ToArray();
        _view = new View(
            snapshot,
            live.Select(ToView).ToArray(),
            live.ToDictionary(v => v.VmId, StringComparer.Ordinal));
    }

    public static VmView ToView(VmSnapshot vm) => VmReportView.From(
        vm.VmId,
        vm.Cores,
        vm.MemoryMb,
        new LoadPeak(vm.Load.RecentPeakCores, vm.Load.RecentPeakMemoryMb, vm.Load.RecentPeakMeasuredCpuCores),
        vm.Load.CoresInUse,
        vm.Load.MemoryInUseMb,
        vm.Load.MeasuredCpuCores,
        active: vm.State == VmState.Active,
        isRegular: vm.Role == VmRole.Regular,
        vm.Load.WarmFunctions);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ClusterViewCache), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        _loop = new PeriodicLoop(options.Value.ClusterViewRefresh, _ => RefreshAsync(), LogRefreshFailed);
        _loop.Start();
        return Task.CompletedTask;
    }

    private Task OnStopAsync(CancellationToken cancellationToken) => _loop?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the cluster view failed; keeping the previous one")]
    private partial void LogRefreshFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "An early refresh of the cluster view failed or was slow; planning on the current one")]
    private partial void LogEarlyRefreshFailed(Exception exception);

    private sealed record View(ClusterSnapshot Snapshot, IReadOnlyList<VmView> Vms, IReadOnlyDictionary<string, VmSnapshot> LiveByVm);
}
