namespace HarvestOrleans.Http;

/// <summary>The silo's HTTP trigger. Bound from configuration section <c>Harvest:Http</c>.</summary>
public sealed class HttpTriggerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Harvest:Http";

    /// <summary>The default of <see cref="Port"/>: 8080.</summary>
    public const int DEFAULT_PORT = 8080;

    /// <summary>The default of <see cref="MaxConcurrentInvocations"/>: 256.</summary>
    public const int DEFAULT_MAX_CONCURRENT_INVOCATIONS = 256;

    /// <summary>The default of <see cref="MaxQueuedInvocations"/>: 256.</summary>
    public const int DEFAULT_MAX_QUEUED_INVOCATIONS = 256;

    /// <summary>The default of <see cref="HistoryInterval"/>: 2 s.</summary>
    public static readonly TimeSpan DEFAULT_HISTORY_INTERVAL = TimeSpan.FromSeconds(2);

    /// <summary>The shortest <see cref="HistoryInterval"/> accepted: 100 ms.</summary>
    public static readonly TimeSpan MIN_HISTORY_INTERVAL = TimeSpan.FromMilliseconds(100);

    /// <summary>The default of <see cref="HistoryLength"/>: 300 samples (10 minutes at the default interval).</summary>
    public const int DEFAULT_HISTORY_LENGTH = 300;

    /// <summary>The shortest <see cref="ApiKeyOptions.Key"/> accepted: 16 characters.</summary>
    public const int MIN_API_KEY_LENGTH = 16;

    /// <summary>
    /// Port the trigger listens on, on the silo's configured address (<c>Harvest:Cluster:Address</c>); 0-65535 (0: any
    /// free port). Default <see cref="DEFAULT_PORT"/>.
    /// </summary>
    public int Port { get; set; } = DEFAULT_PORT;

    /// <summary>Keys callers present; with none configured the silo generates one admin key per run and logs it.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>
    /// Invocations the trigger runs at once, at least 1; beyond this and <see cref="MaxQueuedInvocations"/> it answers
    /// 429. Default <see cref="DEFAULT_MAX_CONCURRENT_INVOCATIONS"/>.
    /// </summary>
    public int MaxConcurrentInvocations { get; set; } = DEFAULT_MAX_CONCURRENT_INVOCATIONS;

    /// <summary>Invocations that may wait for one of the concurrent slots, not negative. Default <see cref="DEFAULT_MAX_QUEUED_INVOCATIONS"/>.</summary>
    public int MaxQueuedInvocations { get; set; } = DEFAULT_MAX_QUEUED_INVOCATIONS;

    /// <summary>
    /// How often the cluster history behind the page is sampled; at least <see cref="MIN_HISTORY_INTERVAL"/>. Default
    /// <see cref="DEFAULT_HISTORY_INTERVAL"/>.
    /// </summary>
    public TimeSpan HistoryInterval { get; set; } = DEFAULT_HISTORY_INTERVAL;

    /// <summary>How many history samples are kept, at least 1. Default <see cref="DEFAULT_HISTORY_LENGTH"/>.</summary>
    public int HistoryLength { get; set; } = DEFAULT_HISTORY_LENGTH;
}

/// <summary>One API key: which function namespaces it may invoke, and whether it may read and steer the cluster.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>A name for logs (never the key itself).</summary>
    public string Name { get; set; } = "";

    /// <summary>The secret callers present; at least <see cref="HttpTriggerOptions.MIN_API_KEY_LENGTH"/> characters, unique.</summary>
    public string Key { get; set; } = "";

    /// <summary>
    /// Function namespaces this key may invoke: a function's namespace is its name up to the first '.'
    /// ("reports.daily" is in "reports"; "echo" is in "default"). "*" allows every namespace.
    /// </summary>
    public List<string> Namespaces { get; set; } = [];

    /// <summary>May read the cluster snapshot and history, the page, the dashboard and the metrics.</summary>
    public bool Admin { get; set; }
}
