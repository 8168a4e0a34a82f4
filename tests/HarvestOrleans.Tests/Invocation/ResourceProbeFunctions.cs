using System.Diagnostics;
using HarvestOrleans.Functions;
using HarvestOrleans.Grains.Invoker;

namespace HarvestOrleans.Tests.Invocation;

/// <summary>
/// Ignores <see cref="FunctionContext.AllottedCores"/> and starts as much parallel work as it can, one way per
/// <see cref="Mode"/>, counting the most of it that ran at once. Each piece spins a little (2 ms; 20 ms for
/// the few tasks) so that pieces allowed to overlap do.
/// </summary>
public sealed class GreedyParallelFunction(GreedyParallelFunction.Mode mode) : IHarvestFunction
{
    private int _running;
    private int _peak;

    public enum Mode
    {
        /// <summary><c>Parallel.For(0, 64, ...)</c> on the current scheduler with no MaxDegreeOfParallelism.</summary>
        ParallelFor,

        /// <summary>8 <c>Task.Factory.StartNew</c> tasks, awaited together.</summary>
        StartNew,

        /// <summary>An <c>await</c> chain (delays and yields) with 8 such chains at once; each step checks where it runs.</summary>
        AwaitChain,
    }

    /// <summary>The most pieces seen running at once, over every invocation so far.</summary>
    public int Peak => Volatile.Read(ref _peak);

    private int _escaped;

    /// <summary>Continuations that ran somewhere other than a scheduler of the invocation's cores.</summary>
    public int Escaped => Volatile.Read(ref _escaped);

    public async Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken)
    {
        switch (mode)
        {
            case Mode.ParallelFor:
                Parallel.For(0, 64, new ParallelOptions { TaskScheduler = TaskScheduler.Current }, _ => Piece());
                break;
            case Mode.StartNew:
                await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(() => Piece(spinMs: 20))));
                break;
            case Mode.AwaitChain:
                await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ChainAsync(context)));
                break;
        }

        return FunctionPayload.Empty;
    }

    private async Task ChainAsync(FunctionContext context)
    {
        for (var step = 0; step < 6; step++)
        {
            if (step % 2 == 0)
            {
                await Task.Delay(1);
            }
            else
            {
                await Task.Yield();
            }

            if (TaskScheduler.Current == TaskScheduler.Default || TaskScheduler.Current.MaximumConcurrencyLevel != context.AllottedCores)
            {
                Interlocked.Increment(ref _escaped);
            }

            Piece();
        }
    }

    private void Piece(int spinMs = 2)
    {
        var now = Interlocked.Increment(ref _running);
        for (var seen = Volatile.Read(ref _peak); now > seen; seen = Volatile.Read(ref _peak))
        {
            if (Interlocked.CompareExchange(ref _peak, now, seen) == seen)
            {
                break;
            }
        }

        var until = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * spinMs / 1000);
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(20);
        }

        Interlocked.Decrement(ref _running);
    }
}

/// <summary>Burns a fixed CPU budget on each of <c>threads</c> pieces (a <c>Parallel.For</c> on its cores), measured by the thread's own CPU clock.</summary>
internal sealed class CpuBurnFunction(TimeSpan budget, int threads = 1) : IHarvestFunction
{
    public Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken)
    {
        Parallel.For(0, threads, context.CreateParallelOptions(cancellationToken), _ =>
        {
            var until = ThreadCpuClock.CurrentThreadNanoseconds() + (long)(budget.TotalMilliseconds * 1_000_000);
            while (ThreadCpuClock.CurrentThreadNanoseconds() < until)
            {
                Thread.SpinWait(100);
            }
        });
        return Task.FromResult(FunctionPayload.Empty);
    }
}

/// <summary>Waits without working.</summary>
internal sealed class NapFunction(TimeSpan nap) : IHarvestFunction
{
    public async Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(nap, cancellationToken);
        return FunctionPayload.Empty;
    }
}

/// <summary>Allocates <see cref="BYTES_PER_STEP"/> before and after an await, and in a parallel loop: <see cref="TOTAL_BYTES"/> at least.</summary>
internal sealed class AllocatingFunction : IHarvestFunction
{
    public const int BYTES_PER_STEP = 4 << 20;

    public const long TOTAL_BYTES = 4L * BYTES_PER_STEP;

    public async Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken)
    {
        var kept = new List<byte[]> { new byte[BYTES_PER_STEP] };
        await Task.Yield();
        kept.Add(new byte[BYTES_PER_STEP]);
        var parallel = new byte[2][];
        Parallel.For(0, 2, context.CreateParallelOptions(cancellationToken), i => parallel[i] = new byte[BYTES_PER_STEP]);
        kept.AddRange(parallel);
        return FunctionPayload.FromJson(kept.Sum(b => (long)b.Length));
    }
}
