using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using Orleans.Serialization;
using Orleans.Storage;

namespace HarvestOrleans.Hosting.State;

/// <summary>What every HarvestOrleans state provider registers: the storage names, written with Orleans' serializer.</summary>
public static class HarvestStateStorage
{
    /// <summary>Orleans' conventional storage name for stream subscriptions.</summary>
    private const string PubSubStoreName = "PubSubStore";

    /// <summary>The grain storage names a state provider must register: HarvestOrleans' own and the stream subscriptions'.</summary>
    public static IReadOnlyList<string> ProviderNames { get; } = [HarvestStorage.ProviderName, PubSubStoreName];

    /// <summary>
    /// State is written with Orleans' own serializer: the contracts are [GenerateSerializer] records, and the storage
    /// providers' default JSON settings fail on them (shared record instances).
    /// </summary>
    public static OptionsBuilder<T> WithOrleansSerializer<T>(this OptionsBuilder<T> options)
        where T : class, IStorageProviderSerializerOptions =>
        options.Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
}
