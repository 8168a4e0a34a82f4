using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.Cluster;
using Orleans.Streams;

namespace HarvestOrleans.Grains.Cluster;

/// <summary>Publishes an eviction event on every active silo's stream and on the cluster stream (for observers).</summary>
public sealed class EvictionPublisher(IClusterMembershipService membership, IServiceProvider services)
{
    public async Task PublishAsync(EvictionEvent evt)
    {
        var provider = services.GetRequiredKeyedService<IStreamProvider>(HarvestStreams.ProviderName);
        var streams = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => StreamId.Create(HarvestStreams.EvictionNamespace, m.SiloAddress.ToParsableString()))
            .Append(StreamId.Create(HarvestStreams.ObserverNamespace, HarvestStreams.ClusterKey));
        await Task.WhenAll(streams.Select(id => provider.GetStream<EvictionEvent>(id).OnNextAsync(evt)));
    }
}
