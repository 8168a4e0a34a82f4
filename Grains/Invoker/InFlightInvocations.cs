using HarvestOrleans.Grains.Eviction;
namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// Invocations this silo is responsible for that do not run in its own invoker: async invocations whose record grain
/// lives here while the function runs on another VM, and sync HTTP requests through this silo's trigger. A drain waits
/// for them (until its deadline) as it waits for its running invocations, so that nothing the silo accepted is run
/// again or reported lost because the silo stopped early. Register with <see cref="Track"/> and dispose when done.
/// </summary>
public sealed class InFlightInvocations
{
    private int _count;

    /// <summary>How many are in flight now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Counts one invocation until the returned handle is disposed (disposing twice counts once).</summary>
    public IDisposable Track()
    {
        Interlocked.Increment(ref _count);
        return new Registration(this);
    }

    private sealed class Registration(InFlightInvocations owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._count);
            }
        }
    }
}
