namespace HarvestOrleans.Grains.Harvest;

/// <summary>Something the VM's environment told the harvest monitor.</summary>
public abstract record HarvestSignal;

/// <summary>The VM now has <see cref="Cores"/> cores.</summary>
public sealed record CoresChanged(double Cores) : HarvestSignal;

/// <summary>
/// The VM will be taken away no earlier than <see cref="NotBefore"/>. <see cref="Acknowledge"/> tells the source the VM
/// is drained (e.g. Azure's StartRequests), letting the platform proceed early.
/// </summary>
public sealed record EvictionNotice(string EventId, string Kind, DateTimeOffset NotBefore, Func<CancellationToken, Task> Acknowledge) : HarvestSignal;

/// <summary>A source of harvest signals: configuration, a trace, the cgroup quota, or Azure Scheduled Events.</summary>
public interface IHarvestSource
{
    string Name { get; }

    IAsyncEnumerable<HarvestSignal> WatchAsync(CancellationToken cancellationToken);
}
