namespace HarvestOrleans.Grains.Options;

/// <summary>Asynchronous invocations. Bound from configuration section <c>Harvest:Async</c>.</summary>
public sealed class AsyncInvocationOptions
{
    public const string SectionName = "Harvest:Async";

    /// <summary>How long a final record is kept by default: a day.</summary>
    public static readonly TimeSpan DEFAULT_RETENTION = TimeSpan.FromHours(24);

    /// <summary>The shortest retention accepted.</summary>
    public static readonly TimeSpan MIN_RETENTION = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Period of the reminder that resumes an unfinished invocation whose silo went away. Orleans' reminder minimum
    /// is lowered to this when it is shorter.
    /// </summary>
    public TimeSpan ResumeInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Times an idempotent invocation may be sent to run before it ends as Evicted.</summary>
    public int MaxDispatches { get; set; } = 3;

    /// <summary>
    /// How long an invocation's final record is kept once stored. After it, the record is deleted from grain storage
    /// and its id reads as unknown (HTTP 404).
    /// </summary>
    public TimeSpan Retention { get; set; } = DEFAULT_RETENTION;
}
