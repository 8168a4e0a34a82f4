namespace HarvestOrleans.Grains.Options;

/// <summary>The per-silo invoker. Bound from configuration section <c>Harvest:Invoker</c>.</summary>
public sealed class InvokerOptions
{
    public const string SectionName = "Harvest:Invoker";

    /// <summary>Invocations that may wait for cores on this VM; beyond it they are Rejected (QueueFull).</summary>
    public int QueueCapacity { get; set; } = 1_000;

    /// <summary>Longest an invocation waits for cores before it is Rejected (QueueWaitExceeded).</summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest accepted payload; larger ones are Rejected (PayloadTooLarge).</summary>
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>How often the invoker reports VM load and function usage.</summary>
    public TimeSpan LoadReportInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Reports whose peak usage makes up the "recent peak" placement plans against (5 in the paper).</summary>
    public int PeakWindowReports { get; set; } = 5;

    /// <summary>Log lines kept per invocation record.</summary>
    public int MaxLogLines { get; set; } = 100;
}
