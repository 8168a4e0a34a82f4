namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// CPU time used by all of this VM's invocations' scheduler work, in ns: each <see cref="InvocationScheduler"/> run adds
/// its share as it ends, so a long invocation counts as it goes rather than when it finishes (a single uninterrupted
/// stretch of synchronous work counts when that stretch ends). <see cref="VmLoadSampler"/> turns it into cores.
/// </summary>
internal sealed class VmCpuMeter
{
    private long _nanoseconds;

    /// <summary>Everything added so far.</summary>
    public long TotalNanoseconds => Interlocked.Read(ref _nanoseconds);

    public void Add(long nanoseconds) => Interlocked.Add(ref _nanoseconds, nanoseconds);
}
