namespace HarvestOrleans.Options;

/// <summary>Asynchronous invocations. Bound from configuration section <c>Harvest:Async</c>.</summary>
public sealed class AsyncInvocationOptions
{
    public const string SectionName = "Harvest:Async";

    /// <summary>
    /// Period of the reminder that resumes an unfinished invocation whose silo went away. Orleans' reminder minimum
    /// is lowered to this when it is shorter.
    /// </summary>
    public TimeSpan ResumeInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Times an idempotent invocation may be sent to run before it ends as Evicted.</summary>
    public int MaxDispatches { get; set; } = 3;
}
