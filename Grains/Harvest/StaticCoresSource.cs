using System.Runtime.CompilerServices;

namespace HarvestOrleans.Grains.Harvest;

/// <summary>Cores fixed by configuration: one signal at start-up.</summary>
public sealed class StaticCoresSource(double cores) : IHarvestSource
{
    public string Name => "static";

    public async IAsyncEnumerable<HarvestSignal> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield return new CoresChanged(cores);
    }
}
