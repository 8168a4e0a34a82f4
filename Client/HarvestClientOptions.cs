namespace HarvestOrleans.Client;

/// <summary>The client library. Bound from configuration section <c>Harvest:Client</c>.</summary>
public sealed class HarvestClientOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Harvest:Client";

    /// <summary>The default of <see cref="MaxPayloadBytes"/>: 1 MiB (the invokers' default limit).</summary>
    public const int DEFAULT_MAX_PAYLOAD_BYTES = Invocations.PayloadLimit.DEFAULT_MAX_BYTES;

    /// <summary>The default of <see cref="MaxRoutingAttempts"/>: 4.</summary>
    public const int DEFAULT_MAX_ROUTING_ATTEMPTS = 4;

    /// <summary>The default of <see cref="MaxExecutionAttempts"/>: 3.</summary>
    public const int DEFAULT_MAX_EXECUTION_ATTEMPTS = 3;

    /// <summary>The default of <see cref="RetryBaseDelay"/>: 25 ms.</summary>
    public static readonly TimeSpan DEFAULT_RETRY_BASE_DELAY = TimeSpan.FromMilliseconds(25);

    /// <summary>The default of <see cref="ResponseGrace"/>: 10 s.</summary>
    public static readonly TimeSpan DEFAULT_RESPONSE_GRACE = TimeSpan.FromSeconds(10);

    /// <summary>The default of <see cref="WorkerWatchInterval"/>: 500 ms.</summary>
    public static readonly TimeSpan DEFAULT_WORKER_WATCH_INTERVAL = TimeSpan.FromMilliseconds(500);

    /// <summary>The shortest <see cref="WorkerWatchInterval"/> accepted: 10 ms.</summary>
    public static readonly TimeSpan MIN_WORKER_WATCH_INTERVAL = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Largest payload sent, positive; larger ones are Rejected (PayloadTooLarge) before any routing. Default
    /// <see cref="DEFAULT_MAX_PAYLOAD_BYTES"/>.
    /// </summary>
    public int MaxPayloadBytes { get; set; } = DEFAULT_MAX_PAYLOAD_BYTES;

    /// <summary>
    /// Routing attempts per invocation when a worker is draining or gone before it accepted the work, at least 1.
    /// Default <see cref="DEFAULT_MAX_ROUTING_ATTEMPTS"/>.
    /// </summary>
    public int MaxRoutingAttempts { get; set; } = DEFAULT_MAX_ROUTING_ATTEMPTS;

    /// <summary>
    /// Runs of an idempotent invocation, in all, when evictions cut it off while it runs; at least 1. Default
    /// <see cref="DEFAULT_MAX_EXECUTION_ATTEMPTS"/>.
    /// </summary>
    public int MaxExecutionAttempts { get; set; } = DEFAULT_MAX_EXECUTION_ATTEMPTS;

    /// <summary>Base delay between routing attempts (exponential, with jitter); not negative. Default <see cref="DEFAULT_RETRY_BASE_DELAY"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = DEFAULT_RETRY_BASE_DELAY;

    /// <summary>
    /// Added to a lease's queue wait and the function's timeout to bound each wait for a worker's answer; not negative.
    /// Default <see cref="DEFAULT_RESPONSE_GRACE"/>.
    /// </summary>
    public TimeSpan ResponseGrace { get; set; } = DEFAULT_RESPONSE_GRACE;

    /// <summary>
    /// While calls are in flight, how often the client checks whether their worker silos are still alive; at least
    /// <see cref="MIN_WORKER_WATCH_INTERVAL"/>. Default <see cref="DEFAULT_WORKER_WATCH_INTERVAL"/>.
    /// </summary>
    public TimeSpan WorkerWatchInterval { get; set; } = DEFAULT_WORKER_WATCH_INTERVAL;
}
