using System.Diagnostics;

namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// Runs one invocation's work on at most its allotted cores, and measures what that work uses. A task scheduler with
/// <see cref="MaximumConcurrencyLevel"/> = the cores: its queue is drained by at most that many runs on the .NET thread
/// pool at a time (no threads of its own). The function starts on it, so what the function does next stays on it:
/// <c>await</c> continuations (they capture <see cref="TaskScheduler.Current"/>), <c>Task.Yield</c>,
/// <c>Task.Factory.StartNew</c>/<c>ContinueWith</c>, and <c>Parallel</c> loops given <c>ParallelOptions</c> whose
/// <c>TaskScheduler</c> is the current one (<see cref="Functions.FunctionContext.CreateParallelOptions"/>; they cap
/// their width at its concurrency level).
/// <para>
/// What escapes it is work sent to the thread pool: <c>Task.Run</c>, <c>Parallel</c> loops with default options (a
/// new <c>ParallelOptions</c> names <see cref="TaskScheduler.Default"/>; only the calling thread's share stays),
/// continuations after <c>ConfigureAwait(false)</c> on an incomplete task, <c>ThreadPool</c> work items, the function's
/// own threads and timer callbacks. That work is neither capped nor measured. Blocking on this scheduler's own pending work
/// (sync-over-async: <c>.Result</c> on a task whose continuation needs the invocation's only core) waits forever, as on
/// a UI thread; a task not yet started is run inline instead, so <c>StartNew(...).Wait()</c> is safe.
/// </para>
/// <para>
/// With a <see cref="VmCpuMeter"/>, each run reads its thread's CPU clock (<see cref="ThreadCpuClock"/>) and
/// allocation counter as it starts and ends and adds the difference to the invocation's totals and the VM's meter.
/// The invocation's result is handed on only once no run is left (so its totals are complete when its record is made):
/// work the function leaves running on the scheduler after it returns delays its end. Each run's CPU time also goes
/// into <see cref="PeakCpuWindows"/> over the wall time it took, for <see cref="PeakCores"/>.
/// </para>
/// </summary>
internal sealed class InvocationScheduler : TaskScheduler, IThreadPoolWorkItem
{
    // The scheduler whose run this thread is in, if any: only then may a task of it run inline here.
    [ThreadStatic] private static InvocationScheduler? t_running;

    private readonly Queue<Task> _queue = new(); // also the lock for the fields below
    private readonly int _cores;
    private readonly VmCpuMeter? _meter;
    private int _runs; // runs queued to the pool or running
    private bool _rootEnded;
    private bool _settled;
    private Action? _settle;
    private long _cpuNanoseconds;
    private long _allocatedBytes;
    private PeakCpuWindows? _peak; // made when the first run starts

    /// <param name="cores">Most of its work that may run at once, at least 1.</param>
    /// <param name="meter">Where CPU time goes besides this invocation's totals; null: nothing is measured.</param>
    public InvocationScheduler(int cores, VmCpuMeter? meter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cores, 1);
        _cores = cores;
        _meter = meter;
    }

    /// <inheritdoc/>
    public override int MaximumConcurrencyLevel => _cores;

    /// <summary>CPU time this invocation's runs have used so far (0 when not measured).</summary>
    public long CpuNanoseconds => Interlocked.Read(ref _cpuNanoseconds);

    /// <summary>Bytes this invocation's runs have allocated so far (0 when not measured).</summary>
    public long AllocatedBytes => Interlocked.Read(ref _allocatedBytes);

    /// <summary>
    /// The most cores its work used at once so far (<see cref="PeakCpuWindows"/>: its busiest
    /// <see cref="PeakCpuWindows.WINDOW"/> of CPU time); 0 when not measured.
    /// </summary>
    public double PeakCores
    {
        get
        {
            lock (_queue)
            {
                return _peak?.PeakCores() ?? 0;
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="body"/> on this scheduler (its synchronous start inline on the calling thread, which
    /// becomes the invocation's first run) and returns its result once every run has ended. Once per scheduler.
    /// </summary>
    public Task<T> Run<T>(Func<Task<T>> body)
    {
        var result = new TaskCompletionSource<T>();
        var start = new Task<Task<T>>(body, TaskCreationOptions.DenyChildAttach);
        var root = start.Unwrap();
        if (Interlocked.CompareExchange(ref _settle, () => result.TrySetFromTask(root), null) is not null)
        {
            throw new InvalidOperationException("An invocation scheduler runs one invocation.");
        }

        root.ContinueWith(static (_, state) => ((InvocationScheduler)state!).OnRootEnded(), this, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        lock (_queue)
        {
            _runs++;
        }

        var outer = t_running;
        t_running = this;
        var counters = ReadCounters();
        if (_meter is not null)
        {
            _peak = new PeakCpuWindows(counters.Timestamp, Stopwatch.Frequency);
        }

        start.RunSynchronously(this); // inline: TryExecuteTaskInline sees this thread in a run of ours
        Drain(counters, outer);
        return result.Task;
    }

    void IThreadPoolWorkItem.Execute()
    {
        t_running = this;
        Drain(ReadCounters(), outer: null);
    }

    /// <inheritdoc/>
    protected override void QueueTask(Task task)
    {
        lock (_queue)
        {
            _queue.Enqueue(task);
            if (_runs >= _cores)
            {
                return; // a run in progress takes it
            }

            _runs++;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    /// <inheritdoc/>
    // A task already in the queue may run here too: the queue's copy is skipped later (TryExecuteTask refuses a task that ran).
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => t_running == this && TryExecuteTask(task);

    /// <inheritdoc/>
    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_queue)
        {
            return _queue.ToArray();
        }
    }

    /// <summary>Runs queued work until there is none, then ends this run: counted, and the invocation settled if it was the last.</summary>
    private void Drain(RunCounters start, InvocationScheduler? outer)
    {
        bool settle;
        while (true)
        {
            Task? next;
            lock (_queue)
            {
                if (!_queue.TryDequeue(out next))
                {
                    // Counted before the run stops counting as running, so a settle that follows sees all of it.
                    Account(start);
                    _runs--;
                    settle = _rootEnded && _runs == 0 && !_settled;
                    _settled |= settle;
                    break;
                }
            }

            TryExecuteTask(next);
        }

        t_running = outer;
        if (settle)
        {
            Settle();
        }
    }

    private void OnRootEnded()
    {
        bool settle;
        lock (_queue)
        {
            _rootEnded = true;
            settle = _runs == 0 && !_settled;
            _settled |= settle;
        }

        if (settle)
        {
            Settle();
        }
    }

    // The caller's continuation runs inline unless this thread is inside some invocation's run, where it would be
    // counted as (and hold a core of) that invocation's work.
    private void Settle()
    {
        if (t_running is null)
        {
            _settle!();
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(static settle => settle(), _settle!, preferLocal: true);
        }
    }

    private RunCounters ReadCounters() =>
        _meter is null ? default : new(ThreadCpuClock.CurrentThreadNanoseconds(), GC.GetAllocatedBytesForCurrentThread(), Stopwatch.GetTimestamp());

    private void Account(RunCounters start)
    {
        if (_meter is null)
        {
            return;
        }

        var end = ReadCounters();
        var used = end.Cpu - start.Cpu;
        Interlocked.Add(ref _cpuNanoseconds, used);
        Interlocked.Add(ref _allocatedBytes, end.Allocated - start.Allocated);
        _peak?.Add(start.Timestamp, end.Timestamp, used); // under the queue's lock (Drain)
        _meter.Add(used);
    }

    /// <summary>A thread's CPU clock, allocation counter and the time, read as a run starts or ends.</summary>
    private readonly record struct RunCounters(long Cpu, long Allocated, long Timestamp);
}
