using System.Collections.Concurrent;
using HarvestOrleans.Client;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>
/// Callers invoking one function in a loop until stopped, keeping every record they get. Counts calls made and calls
/// answered, so a test can prove each accepted invocation got exactly one final record.
/// </summary>
public sealed class SteadyLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _callers;
    private int _started;

    public SteadyLoad(HarvestClient client, string function, int callers, object input)
    {
        _callers = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _started);
                var record = await client.InvokeJsonAsync(function, input);
                Records.Add(record);
            }
        })).ToArray();
    }

    public ConcurrentBag<InvocationRecord> Records { get; } = [];

    public int Started => Volatile.Read(ref _started);

    /// <summary>Stops the callers after their current call and waits for every outstanding record.</summary>
    public async Task StopAsync()
    {
        _stop.Cancel();
        await Task.WhenAll(_callers).WaitAsync(TimeSpan.FromMinutes(2));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }
    }
}
