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
}
