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

    // Running and finished invocations alike, by id: a finished one's task holds its record. Only finished ones enter
    // the ring, so only they are ever dropped.
    private readonly ConcurrentDictionary<Guid, Task<InvocationRecord>> _outcomes = new();
    private readonly KeyValuePair<Guid, Task<InvocationRecord>>[] _ring;
    private readonly Lock _gate = new();
    private int _next;
    private int _finished;

    /// <summary>Creates the memory with room for <paramref name="capacity"/> finished records.</summary>
    public RecentOutcomes(int capacity = DEFAULT_CAPACITY)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new KeyValuePair<Guid, Task<InvocationRecord>>[capacity];
    }

    private long _lookups;

    /// <summary>Finished records held now.</summary>
    public int FinishedCount => Volatile.Read(ref _finished);

    /// <summary>How often a caller asked for an outcome.</summary>
    public long Lookups => Interlocked.Read(ref _lookups);

    /// <summary>Remembers <paramref name="work"/> under <paramref name="invocationId"/> while it runs and its record after.</summary>
    public Task<InvocationRecord> Track(Guid invocationId, Task<InvocationRecord> work)
    {
        _outcomes[invocationId] = work;
        if (work.IsCompleted)
        {
            Finished(invocationId, work);
            return work;
        }

        work.ContinueWith(
            static (done, state) =>
            {
                var (self, id) = ((RecentOutcomes, Guid))state!;
                self.Finished(id, done);
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
        return _outcomes.TryGetValue(invocationId, out var work) ? await work.ConfigureAwait(false) : null;
    }

    private void Finished(Guid invocationId, Task<InvocationRecord> done)
    {
        var entry = KeyValuePair.Create(invocationId, done);
        if (!done.IsCompletedSuccessfully)
        {
            // No record to keep (the invoker failed, which it should never do): forget it at once.
            _outcomes.TryRemove(entry);
            return;
        }

        lock (_gate)
        {
            // Dropped only if it is still that finished run: a later run of the same id (a retry here) stays.
            if (_ring[_next].Value is { } dropped)
            {
                _outcomes.TryRemove(KeyValuePair.Create(_ring[_next].Key, dropped));
            }
            else
            {
                _finished++;
            }

            _ring[_next] = entry;
            _next = (_next + 1) % _ring.Length;
        }
    }
}
