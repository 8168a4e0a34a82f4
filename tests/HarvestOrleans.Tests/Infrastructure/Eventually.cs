namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>Waits on an explicit condition, polling; fails with the reason if it is not reached in time.</summary>
public static class Eventually
{
    public static Task WaitUntilAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null) =>
        WaitUntilAsync(condition, () => because, timeout);

    /// <summary>As above, with the reason built when the wait fails (so it can name what was last seen).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {because()}.");
            }

            await Task.Delay(25);
        }
    }

    public static Task WaitUntilAsync(Func<bool> condition, string because, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), because, timeout);
}
