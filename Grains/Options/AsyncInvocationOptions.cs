namespace HarvestOrleans.Grains.Options;

/// <summary>Asynchronous invocations. Bound from configuration section <c>Harvest:Async</c>.</summary>
public sealed class AsyncInvocationOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Harvest:Async";

    /// <summary>The default of <see cref="ResumeInterval"/>: one minute.</summary>
    public static readonly TimeSpan DEFAULT_RESUME_INTERVAL = TimeSpan.FromMinutes(1);

    /// <summary>The shortest <see cref="ResumeInterval"/> accepted: 1 s.</summary>
    public static readonly TimeSpan MIN_RESUME_INTERVAL = TimeSpan.FromSeconds(1);

    /// <summary>The default of <see cref="MaxDispatches"/>: 3.</summary>
    public const int DEFAULT_MAX_DISPATCHES = 3;

    /// <summary>How long a final record is kept by default: a day.</summary>
    public static readonly TimeSpan DEFAULT_RETENTION = TimeSpan.FromHours(24);

    /// <summary>The shortest retention accepted.</summary>
    public static readonly TimeSpan MIN_RETENTION = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Period of the reminder that resumes an unfinished invocation whose silo went away; at least
    /// <see cref="MIN_RESUME_INTERVAL"/>. Orleans' reminder minimum is lowered to this when it is shorter. Default
    /// <see cref="DEFAULT_RESUME_INTERVAL"/>.
    /// </summary>
    public TimeSpan ResumeInterval { get; set; } = DEFAULT_RESUME_INTERVAL;

    /// <summary>Times an idempotent invocation may be sent to run before it ends as Evicted, at least 1. Default <see cref="DEFAULT_MAX_DISPATCHES"/>.</summary>
    public int MaxDispatches { get; set; } = DEFAULT_MAX_DISPATCHES;

    /// <summary>
    /// How long an invocation's final record is kept once stored; at least <see cref="MIN_RETENTION"/>. After it, the
    /// record is deleted from grain storage and its id reads as unknown (HTTP 404). Default <see cref="DEFAULT_RETENTION"/>.
    /// </summary>
    public TimeSpan Retention { get; set; } = DEFAULT_RETENTION;

    /// <summary>The default of <see cref="MaxAttempts"/>: 7 (one try and six retries of a capacity rejection).</summary>
    public const int DEFAULT_MAX_ATTEMPTS = 7;

    /// <summary>The default of <see cref="RetryDelay"/>: 500 ms.</summary>
    public static readonly TimeSpan DEFAULT_RETRY_DELAY = TimeSpan.FromMilliseconds(500);

    /// <summary>The default of <see cref="MaxRetryDelay"/>: 5 s.</summary>
    public static readonly TimeSpan DEFAULT_MAX_RETRY_DELAY = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The one retry budget of an async invocation: placement attempts in all, at least 1 — the client's own retries
    /// (routing around a draining VM, re-running an evicted idempotent run) and the waits for capacity spend it alike
    /// (a call cut off with its silo counts as one). Default <see cref="DEFAULT_MAX_ATTEMPTS"/>.
    /// </summary>
    public int MaxAttempts { get; set; } = DEFAULT_MAX_ATTEMPTS;

    /// <summary>
    /// First wait before an async invocation rejected for capacity is tried again (exponential, with jitter); not
    /// negative. Default <see cref="DEFAULT_RETRY_DELAY"/>.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = DEFAULT_RETRY_DELAY;

    /// <summary>Longest of those waits, at least <see cref="RetryDelay"/>. Default <see cref="DEFAULT_MAX_RETRY_DELAY"/>.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = DEFAULT_MAX_RETRY_DELAY;
}
