namespace HarvestOrleans.Client;

/// <summary>The client library. Bound from configuration section <c>Harvest:Client</c>.</summary>
public sealed class HarvestClientOptions
{
    public const string SectionName = "Harvest:Client";

    /// <summary>Largest payload sent; larger ones are Rejected (PayloadTooLarge) before any routing.</summary>
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>Routing attempts per invocation when a worker is draining or gone before it accepted the work.</summary>
    public int MaxRoutingAttempts { get; set; } = 4;

    /// <summary>Runs of an idempotent invocation, in all, when evictions cut it off while it runs.</summary>
    public int MaxExecutionAttempts { get; set; } = 3;

    /// <summary>Base delay between routing attempts (exponential, with jitter).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Added to a lease's queue wait and the function's timeout to bound each wait for a worker's answer.</summary>
    public TimeSpan ResponseGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>While calls are in flight, how often the client checks whether their worker silos are still alive.</summary>
    public TimeSpan WorkerWatchInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
