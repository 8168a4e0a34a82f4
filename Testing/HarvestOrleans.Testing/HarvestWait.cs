namespace HarvestOrleans.Testing;

/// <summary>
/// Waits on an explicit condition by polling it (every 25 ms), never by sleeping a guessed time; fails with a
/// <see cref="TimeoutException"/> naming what was awaited if the condition is not reached in time.
/// </summary>
public static class HarvestWait
{
    /// <summary>How long a wait lasts unless told otherwise: 30 seconds.</summary>
    public static readonly TimeSpan DEFAULT_TIMEOUT = TimeSpan.FromSeconds(30);

    /// <summary>How often a condition is polled.</summary>
    public static readonly TimeSpan POLL_INTERVAL = TimeSpan.FromMilliseconds(25);

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    /// <param name="condition">The condition, polled until it returns true.</param>
    /// <param name="description">What is awaited, as the end of "Timed out waiting until ...".</param>
    /// <param name="timeout">How long to wait; <see cref="DEFAULT_TIMEOUT"/> when null.</param>
    /// <param name="cancellationToken">Ends the wait early.</param>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>.</exception>
    public static Task UntilAsync(Func<Task<bool>> condition, string description, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        UntilAsync(condition, () => description, timeout, cancellationToken);

    /// <summary>As <see cref="UntilAsync(Func{Task{bool}}, string, TimeSpan?, CancellationToken)"/>, with the description built when the wait fails (so it can name what was last seen).</summary>
    /// <param name="condition">The condition, polled until it returns true.</param>
    /// <param name="description">Builds what is awaited, called only on failure.</param>
    /// <param name="timeout">How long to wait; <see cref="DEFAULT_TIMEOUT"/> when null.</param>
    /// <param name="cancellationToken">Ends the wait early.</param>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>.</exception>
    public static async Task UntilAsync(Func<Task<bool>> condition, Func<string> description, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(description);
        var deadline = DateTime.UtcNow + (timeout ?? DEFAULT_TIMEOUT);
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {description()}.");
            }

            await Task.Delay(POLL_INTERVAL, cancellationToken);
        }
    }

    /// <summary>Waits until a synchronous <paramref name="condition"/> holds.</summary>
    /// <param name="condition">The condition, polled until it returns true.</param>
    /// <param name="description">What is awaited, as the end of "Timed out waiting until ...".</param>
    /// <param name="timeout">How long to wait; <see cref="DEFAULT_TIMEOUT"/> when null.</param>
    /// <param name="cancellationToken">Ends the wait early.</param>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>.</exception>
    public static Task UntilAsync(Func<bool> condition, string description, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), () => description, timeout, cancellationToken);
    }
}
