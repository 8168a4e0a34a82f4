using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.GrainInterfaces;
using Microsoft.Extensions.Logging;
using Polly;

namespace HarvestOrleans.Grains.Cluster;

/// <summary>
/// Wakes the functions an evicted VM leaves orphaned. A FunctionGrain that lived on the lost silo has no silo agent
/// left to tell it of the eviction: every function whose published worker set still names the VM is sent the event,
/// so it re-activates and replans on the survivors. Functions that the agents already rebalanced ignore the repeated
/// event id.
/// </summary>
internal sealed partial class OrphanWaker(IGrainFactory grains, ResiliencePipeline orphanRetry, ILogger logger)
{

    public async Task WakeAsync(string vmId, EvictionEvent evicted)
    {
        var cluster = await grains.GetGrain<IClusterRegistryGrain>(IClusterRegistryGrain.Key).GetSnapshotAsync();
        var orphans = cluster.Functions.Where(f => f.WorkerSet.Contains(vmId, StringComparer.Ordinal)).Select(f => f.Function);
        await Task.WhenAll(orphans.Select(async function =>
        {
            try
            {
                // Right after a silo's death a call to a grain that lived there can fail once before it re-activates.
                await orphanRetry.ExecuteAsync(
                    static async (state, _) => await state.grains.GetGrain<IFunctionGrain>(state.function).RebalanceAsync(state.evicted),
                    (grains, function, evicted));
            }
            catch (Exception ex)
            {
                LogRebalanceFailed(logger, vmId, function, ex); // its next route request replans it anyway
            }
        }));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "VM {VmId} is evicted, but function {Function} could not be told to replan its worker set")]
    private static partial void LogRebalanceFailed(ILogger logger, string vmId, string function, Exception exception);
}
