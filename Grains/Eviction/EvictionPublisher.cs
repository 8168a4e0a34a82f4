using HarvestOrleans.Cluster;
using Orleans.Streams;

namespace HarvestOrleans.Eviction;

/// <summary>Publishes an eviction event on every active silo's stream and on the cluster stream (for observers).</summary>
public sealed class EvictionPublisher(IClusterMembershipService membership, IServiceProvider services)
{
    public async Task PublishAsync(EvictionEvent evt)
    {
        var provider = services.GetRequiredKeyedService<IStreamProvider>(HarvestStreams.ProviderName);
        var keys = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress.ToParsableString())
            .Append(HarvestStreams.ClusterKey);
        await Task.WhenAll(keys.Select(key =>
            provider.GetStream<EvictionEvent>(StreamId.Create(HarvestStreams.EvictionNamespace, key)).OnNextAsync(evt)));
    }
}
