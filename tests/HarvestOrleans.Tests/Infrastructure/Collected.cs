namespace HarvestOrleans.Tests.Infrastructure;

public static class Collected
{
    /// <summary>Collects garbage until <paramref name="reference"/>'s target is gone (an unloaded load context takes a few collections).</summary>
    public static Task WaitAsync(WeakReference reference, string what, TimeSpan timeout) =>
        Eventually.WaitUntilAsync(
            () =>
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                return !reference.IsAlive;
            },
            $"{what} is collected",
            timeout);
}
