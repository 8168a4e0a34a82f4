using System.Collections.Concurrent;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// The invocations this VM is running and the final records of the last few thousand it finished, by invocation id,
/// so that a caller whose response was lost can still get it.
/// <para>
/// Orleans does not fail an external client's call when the gateway it went through dies (dotnet/orleans#10165): the
/// request or its response is simply gone, and the caller would wait for its whole bound while the worker ran the
/// invocation to completion. The client then asks the worker, through a live gateway, for the outcome
/// (<see cref="FindAsync"/>): a running invocation is awaited, a finished one answered from memory.
/// </para>
/// Memory is bounded: at most <see cref="DEFAULT_CAPACITY"/> finished records are kept, oldest dropped first.
/// </summary>
public sealed class RecentOutcomes
{
    /// <summary>Finished records kept: at a few hundred invocations a second per VM, tens of seconds of history,
    /// more than the seconds a silo's death takes to be noticed.</summary>
    public const int DEFAULT_CAPACITY = 4096;

    private readonly ConcurrentDictionary<Guid, Task<InvocationRecord>> _running = new();
    private readonly ConcurrentDictionary<Guid, InvocationRecord> _finished = new();
    private readonly Guid[] _ring;
    private readonly Lock _gate = new();
    private int _next;

    /// <summary>Creates the memory with room for <paramref name="capacity"/> finished records.</summary>
    public RecentOutcomes(int capacity = DEFAULT_CAPACITY)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new Guid[capacity];
    }

    private long _lookups;

    /// <summary>Finished records held now.</summary>
    public int FinishedCount => _finished.Count;

    /// <summary>How often a caller asked for an outcome.</summary>
    public long Lookups => Interlocked.Read(ref _lookups);

    /// <summary>Remembers <paramref name="work"/> under <paramref name="invocationId"/> while it runs and its record after.</summary>
    public Task<InvocationRecord> Track(Guid invocationId, Task<InvocationRecord> work)
    {
        if (work.IsCompletedSuccessfully)
        {
            Remember(invocationId, work.Result);
            return work;
        }

        _running[invocationId] = work;
        work.ContinueWith(
            static (done, state) =>
            {
                var (self, id) = ((RecentOutcomes, Guid))state!;
                if (done.IsCompletedSuccessfully)
                {
                    self.Remember(id, done.Result); // before it stops being "running": a reader never finds neither
                }

                self._running.TryRemove(KeyValuePair.Create(id, done));
            },
            (this, invocationId),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return work;
    }

    /// <summary>The invocation's final record: awaited if it is still running; null if this VM does not know it (it
    /// never arrived, or finished too long ago).</summary>
    public async Task<InvocationRecord?> FindAsync(Guid invocationId)
    {
        Interlocked.Increment(ref _lookups);

        // Running first: a finishing invocation is added to the finished ones before it leaves the running ones.
        if (_running.TryGetValue(invocationId, out var work))
        {
            return await work.ConfigureAwait(false);
        }

        return _finished.TryGetValue(invocationId, out var record) ? record : null;
    }

    private void Remember(Guid invocationId, InvocationRecord record)
    {
        lock (_gate)
        {
            var dropped = _ring[_next];
            if (dropped != Guid.Empty && dropped != invocationId)
            {
                _finished.TryRemove(dropped, out _);
            }

            _ring[_next] = invocationId;
            _next = (_next + 1) % _ring.Length;
            _finished[invocationId] = record;
        }
    }
}
