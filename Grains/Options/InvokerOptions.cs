namespace HarvestOrleans.Grains.Options;

/// <summary>
/// The per-silo invoker. Bound from configuration section <c>Harvest:Invoker</c>. <see cref="LoadReportInterval"/> and
/// <see cref="PeakWindowReports"/> also bound <see cref="BalancingOptions"/>' lease and view timings (see
/// <see cref="RoutingTimingValidator"/>).
/// </summary>
public sealed class InvokerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Harvest:Invoker";

    /// <summary>The default of <see cref="QueueCapacity"/>: 1000.</summary>
    public const int DEFAULT_QUEUE_CAPACITY = 1_000;

    /// <summary>The default of <see cref="MaxQueueWait"/>: 30 s.</summary>
    public static readonly TimeSpan DEFAULT_MAX_QUEUE_WAIT = TimeSpan.FromSeconds(30);

    /// <summary>The default of <see cref="MaxPayloadBytes"/>: 1 MiB.</summary>
    public const int DEFAULT_MAX_PAYLOAD_BYTES = Invocations.PayloadLimit.DEFAULT_MAX_BYTES;

    /// <summary>The default of <see cref="LoadReportInterval"/>: 1 s.</summary>
    public static readonly TimeSpan DEFAULT_LOAD_REPORT_INTERVAL = TimeSpan.FromSeconds(1);

    /// <summary>The shortest <see cref="LoadReportInterval"/> accepted: 10 ms.</summary>
    public static readonly TimeSpan MIN_LOAD_REPORT_INTERVAL = TimeSpan.FromMilliseconds(10);

    /// <summary>The default of <see cref="PeakWindowReports"/>: 5, the paper's.</summary>
    public const int DEFAULT_PEAK_WINDOW_REPORTS = 5;

    /// <summary>The default of <see cref="MaxLogLines"/>: 100.</summary>
    public const int DEFAULT_MAX_LOG_LINES = 100;

    /// <summary>The default of <see cref="MeasureResources"/>: true.</summary>
    public const bool DEFAULT_MEASURE_RESOURCES = true;

    /// <summary>
    /// Invocations that may wait for cores on this VM, not negative; beyond it they are Rejected (QueueFull). Default
    /// <see cref="DEFAULT_QUEUE_CAPACITY"/>.
    /// </summary>
    public int QueueCapacity { get; set; } = DEFAULT_QUEUE_CAPACITY;

    /// <summary>
    /// Longest an invocation waits for cores before it is Rejected (QueueWaitExceeded); positive. Default
    /// <see cref="DEFAULT_MAX_QUEUE_WAIT"/>.
    /// </summary>
    public TimeSpan MaxQueueWait { get; set; } = DEFAULT_MAX_QUEUE_WAIT;

    /// <summary>Largest accepted payload, positive; larger ones are Rejected (PayloadTooLarge). Default <see cref="DEFAULT_MAX_PAYLOAD_BYTES"/>.</summary>
    public int MaxPayloadBytes { get; set; } = DEFAULT_MAX_PAYLOAD_BYTES;

    /// <summary>
    /// How often the invoker reports VM load and function usage; at least <see cref="MIN_LOAD_REPORT_INTERVAL"/>.
    /// Default <see cref="DEFAULT_LOAD_REPORT_INTERVAL"/>.
    /// </summary>
    public TimeSpan LoadReportInterval { get; set; } = DEFAULT_LOAD_REPORT_INTERVAL;

    /// <summary>
    /// Reports whose peak usage makes up the "recent peak" placement plans against, at least 1. Default
    /// <see cref="DEFAULT_PEAK_WINDOW_REPORTS"/>.
    /// </summary>
    public int PeakWindowReports { get; set; } = DEFAULT_PEAK_WINDOW_REPORTS;

    /// <summary>Log lines kept per invocation record, not negative. Default <see cref="DEFAULT_MAX_LOG_LINES"/>.</summary>
    public int MaxLogLines { get; set; } = DEFAULT_MAX_LOG_LINES;

    /// <summary>
    /// Measure each invocation's CPU time and allocated bytes (two clock reads per run of its work on its scheduler)
    /// for its record, the usage reports and the VM's measured cores. Off, all of those read 0 (nothing measured), while
    /// invocations still run on at most their allotted cores. Meant to be turned off only to measure the cost of
    /// measuring (<c>bench -- overhead</c>). Default <see cref="DEFAULT_MEASURE_RESOURCES"/>.
    /// </summary>
    public bool MeasureResources { get; set; } = DEFAULT_MEASURE_RESOURCES;
}
