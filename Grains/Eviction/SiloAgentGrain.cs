using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Packages;
using HarvestOrleans.Grains.Packages;
using HarvestOrleans.Grains.Placement;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace HarvestOrleans.Grains.Eviction;

/// <summary>
/// This silo's listener on the eviction stream (implicitly subscribed to the stream keyed by its silo address, and
/// pinned to that silo). On any eviction event it refreshes the silo's cluster view and has the FunctionGrains living
/// here rebalance; when the event concerns this silo's own VM, it starts the drain. Events are handled once by id (the most recent ids are remembered, a bounded set).
/// </summary>
[SiloPinnedPlacement]
[ImplicitStreamSubscription(HarvestStreams.EvictionNamespace)]
internal sealed partial class SiloAgentGrain(
    ClusterViewCache cluster,
    LocalGrainRegistry local,
    VmDrainCoordinator drain,
    VmHandover handover,
    PackageCatalogCache packages,
    ILogger<SiloAgentGrain> logger) : Grain, ISiloAgentGrain
{
    private readonly RecentIdSet<Guid> _handled = new(RecentIdSet<Guid>.DEFAULT_CAPACITY); // bounded: only redeliveries repeat an id

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(HarvestStreams.ProviderName)
            .GetStream<EvictionEvent>(StreamId.Create(HarvestStreams.EvictionNamespace, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((evt, _) => HandleEvictionAsync(evt));
    }

    public Task PingAsync() => Task.CompletedTask;

    public Task<HandoverSummary> HandOverAsync(DateTimeOffset deadline) => handover.RunAsync(deadline);

    public Task ApplyPackagesAsync(PackageCatalog catalog)
    {
        packages.Apply(catalog);
        return Task.CompletedTask;
    }

    public async Task HandleEvictionAsync(EvictionEvent evt)
    {
        if (!_handled.Add(evt.EventId))
        {
            return;
        }

        LogEvent(evt.Phase, evt.VmId, evt.Reason);
        drain.Start(evt);
        try
        {
            await cluster.RefreshAsync();
            await Task.WhenAll(local.Functions.Select(f => f.RebalanceAsync(evt)));
        }
        catch
        {
            _handled.Remove(evt.EventId); // not handled: the notice's retry (same id) must be
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Eviction event {Phase} for VM {VmId} ({Reason})")]
    private partial void LogEvent(EvictionPhase phase, string vmId, string reason);
}
