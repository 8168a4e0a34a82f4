using HarvestOrleans.Testing;

namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>Waits on an explicit condition, polling; fails with the reason if it is not reached in time (see <see cref="HarvestWait"/>).</summary>
public static class Eventually
{
    public static Task WaitUntilAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null) =>
        HarvestWait.UntilAsync(condition, because, timeout);

    /// <summary>As above, with the reason built when the wait fails (so it can name what was last seen).</summary>
    public static Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> because, TimeSpan? timeout = null) =>
        HarvestWait.UntilAsync(condition, because, timeout);

    public static Task WaitUntilAsync(Func<bool> condition, string because, TimeSpan? timeout = null) =>
        HarvestWait.UntilAsync(condition, because, timeout);
}
