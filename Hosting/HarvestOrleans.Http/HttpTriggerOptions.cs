namespace HarvestOrleans.Http;

/// <summary>The silo's HTTP trigger. Bound from configuration section <c>Harvest:Http</c>.</summary>
public sealed class HttpTriggerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Harvest:Http";

    /// <summary>Default <see cref="Port"/>.</summary>
    public const int DEFAULT_PORT = 8080;

    /// <summary>Port the trigger listens on, on the silo's configured address (<c>Harvest:Cluster:Address</c>).</summary>
    public int Port { get; set; } = DEFAULT_PORT;

    /// <summary>Keys callers present; with none configured the silo generates one admin key per run and logs it.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Invocations the trigger runs at once; beyond this and <see cref="MaxQueuedInvocations"/> it answers 429.</summary>
    public int MaxConcurrentInvocations { get; set; } = 256;

    /// <summary>Invocations the trigger queues beyond <see cref="MaxConcurrentInvocations"/> before it answers 429.</summary>
    public int MaxQueuedInvocations { get; set; } = 256;

    /// <summary>How often the cluster history behind the page is sampled, and how many samples are kept.</summary>
    public TimeSpan HistoryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Samples of cluster history kept for the page (at <see cref="HistoryInterval"/>).</summary>
    public int HistoryLength { get; set; } = 300;
}

/// <summary>One API key: which function namespaces it may invoke, and whether it may read and steer the cluster.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>A name for logs (never the key itself).</summary>
    public string Name { get; set; } = "";

    /// <summary>The secret callers present in the <c>X-Api-Key</c> header; keep it in the environment, not on a command line.</summary>
    public string Key { get; set; } = "";

    /// <summary>
    /// Function namespaces this key may invoke: a function's namespace is its name up to the first '.'
    /// ("reports.daily" is in "reports"; "echo" is in "default"). "*" allows every namespace.
    /// </summary>
    public List<string> Namespaces { get; set; } = [];

    /// <summary>May read the cluster snapshot and history, the page, the dashboard and the metrics.</summary>
    public bool Admin { get; set; }
}
