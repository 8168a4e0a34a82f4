using System.Collections.Concurrent;
using System.Diagnostics;

namespace HarvestOrleans.Bench;

/// <summary>
/// Every call a benchmark starts, until it returns a record: what is left at the end is lost, each with its function,
/// when it started and the exception it threw (or none: still waiting).
/// </summary>
internal sealed class CallLedger
{
    private readonly ConcurrentDictionary<long, Call> _open = new();
    private readonly ConcurrentQueue<Call> _failed = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _next;

    public long Start(string function)
    {
        var id = Interlocked.Increment(ref _next);
        _open[id] = new Call(id, function, _clock.Elapsed, null);
        return id;
    }

    public void Finish(long id) => _open.TryRemove(id, out _);

    public void Fail(long id, Exception error)
    {
        if (_open.TryRemove(id, out var call))
        {
            _failed.Enqueue(call with { Error = error });
        }
    }

    /// <summary>Calls that threw, then calls still waiting, oldest first.</summary>
    public IReadOnlyList<Call> Lost() =>
        _failed.OrderBy(c => c.Started).Concat(_open.Values.OrderBy(c => c.Started)).ToArray();

    internal sealed record Call(long Id, string Function, TimeSpan Started, Exception? Error)
    {
        public override string ToString() =>
            $"#{Id} {Function} started at {Started.TotalSeconds:0.0} s: " +
            (Error is null ? "still waiting" : $"{Error.GetType().Name}: {Error.Message.ReplaceLineEndings(" ")}" +
                (Error.InnerException is { } inner ? $" (inner {inner.GetType().Name}: {inner.Message.ReplaceLineEndings(" ")})" : ""));
    }
}
