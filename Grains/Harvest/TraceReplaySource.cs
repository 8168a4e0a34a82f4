using System.Runtime.CompilerServices;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Harvest;

/// <summary>
/// Replays a <c>&lt;seconds&gt; &lt;cores&gt;</c> harvest trace from the moment it starts, with time divided by
/// <paramref name="timeScale"/> (10 replays a 20-minute trace in 2 minutes). Optionally loops.
/// </summary>
public sealed class TraceReplaySource(HarvestTrace trace, double timeScale, bool loop, TimeProvider time) : IHarvestSource
{
    public string Name => "trace";

    public async IAsyncEnumerable<HarvestSignal> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        do
        {
            var started = time.GetUtcNow();
            foreach (var step in trace.Steps)
            {
                var due = started + TimeSpan.FromSeconds(step.AtSeconds / timeScale);
                var wait = due - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }

                yield return new CoresChanged(step.Cores);
            }
        }
        while (loop && !cancellationToken.IsCancellationRequested);
    }
}
