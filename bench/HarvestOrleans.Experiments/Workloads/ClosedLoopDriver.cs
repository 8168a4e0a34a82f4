using System.Collections.Concurrent;
using System.Diagnostics;
using HarvestOrleans.Client;
using HarvestOrleans.Functions;

namespace HarvestOrleans.Experiments.Workloads;

/// <summary>
/// The paper's load generator: <c>users</c> users, each invoking a function drawn from the mix, waiting for its result,
/// then thinking for an exponentially distributed time (mean 10 s in the paper) before the next.
/// </summary>
public static class ClosedLoopDriver
{
    public static async Task<IReadOnlyList<CompletedInvocation>> RunAsync(
        HarvestClient client,
        int users,
        TimeSpan meanThinkTime,
        FunctionMix mix,
        TimeSpan duration,
        int seed = 1,
        Action<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var completed = new ConcurrentBag<CompletedInvocation>();
        var clock = Stopwatch.StartNew();
        var progressTimer = progress is null ? null : new Timer(_ => progress(Math.Min(1, clock.Elapsed / duration)), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
        await Task.WhenAll(Enumerable.Range(0, users).Select(user => Task.Run(async () =>
        {
            var random = new Random(HashCode.Combine(seed, user));
            await Task.Delay(Think(random, meanThinkTime), cancellationToken); // users start spread out
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var function = mix.Pick(random.NextDouble());
                var sentAt = clock.Elapsed.TotalSeconds;
                var record = await client.InvokeAsync(function, FunctionPayload.Empty, cancellationToken: cancellationToken);
                completed.Add(new CompletedInvocation(sentAt, record));
                var think = Think(random, meanThinkTime);
                if (clock.Elapsed + think >= duration)
                {
                    break;
                }

                await Task.Delay(think, cancellationToken);
            }
        }, cancellationToken)));
        if (progressTimer is not null)
        {
            await progressTimer.DisposeAsync();
            progress!(1);
        }

        return [.. completed.OrderBy(c => c.SentAtSeconds)];
    }

    private static TimeSpan Think(Random random, TimeSpan mean) => mean * -Math.Log(1 - random.NextDouble());
}
