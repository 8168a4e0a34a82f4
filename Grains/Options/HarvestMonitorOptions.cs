namespace HarvestOrleans.Grains.Options;

/// <summary>Where a silo learns its VM's cores and eviction notices. Bound from <c>Harvest:Monitor</c>.</summary>
public sealed class HarvestMonitorOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Harvest:Monitor";

    /// <summary>The default of <see cref="CoreSource"/>: the configured cores.</summary>
    public const CoreSourceKind DEFAULT_CORE_SOURCE = CoreSourceKind.Static;

    /// <summary>The default of <see cref="TimeScale"/>: 1 (real time).</summary>
    public const double DEFAULT_TIME_SCALE = 1;

    /// <summary>The default of <see cref="CgroupRoot"/>.</summary>
    public const string DEFAULT_CGROUP_ROOT = "/sys/fs/cgroup";

    /// <summary>The default of <see cref="PollInterval"/>: 1 s.</summary>
    public static readonly TimeSpan DEFAULT_POLL_INTERVAL = TimeSpan.FromSeconds(1);

    /// <summary>The shortest <see cref="PollInterval"/> accepted: 10 ms.</summary>
    public static readonly TimeSpan MIN_POLL_INTERVAL = TimeSpan.FromMilliseconds(10);

    /// <summary>The default of <see cref="DefaultNotice"/>: 30 s, about what Azure gives.</summary>
    public static readonly TimeSpan DEFAULT_DEFAULT_NOTICE = TimeSpan.FromSeconds(30);

    /// <summary>Static (the configured cores), Trace (replay <see cref="TracePath"/>), Cgroup (poll the CPU quota) or None. Default <see cref="DEFAULT_CORE_SOURCE"/>.</summary>
    public CoreSourceKind CoreSource { get; set; } = DEFAULT_CORE_SOURCE;

    /// <summary>A <c>&lt;seconds&gt; &lt;cores&gt;</c> harvest trace file, for <see cref="CoreSourceKind.Trace"/> (then it must exist).</summary>
    public string? TracePath { get; set; }

    /// <summary>Trace time is divided by this, positive: 10 replays 20 minutes in 2. Default <see cref="DEFAULT_TIME_SCALE"/>.</summary>
    public double TimeScale { get; set; } = DEFAULT_TIME_SCALE;

    /// <summary>Replay the trace from its start when it ends.</summary>
    public bool LoopTrace { get; set; }

    /// <summary>The cgroup v2 mount the Cgroup source reads the CPU quota under. Default <see cref="DEFAULT_CGROUP_ROOT"/>.</summary>
    public string CgroupRoot { get; set; } = DEFAULT_CGROUP_ROOT;

    /// <summary>How often the core source is polled; at least <see cref="MIN_POLL_INTERVAL"/>. Default <see cref="DEFAULT_POLL_INTERVAL"/>.</summary>
    public TimeSpan PollInterval { get; set; } = DEFAULT_POLL_INTERVAL;

    /// <summary>Poll Azure Scheduled Events for Preempt/Terminate notices.</summary>
    public bool ScheduledEvents { get; set; }

    /// <summary>The default of <see cref="ScheduledEventsEndpoint"/>: the Azure instance metadata service's Scheduled Events.</summary>
    public static readonly Uri DEFAULT_SCHEDULED_EVENTS_ENDPOINT = new("http://169.254.169.254/metadata/scheduledevents?api-version=2020-07-01");

    /// <summary>The Scheduled Events endpoint; absolute when <see cref="ScheduledEvents"/> is on. Default <see cref="DEFAULT_SCHEDULED_EVENTS_ENDPOINT"/>.</summary>
    public Uri ScheduledEventsEndpoint { get; set; } = DEFAULT_SCHEDULED_EVENTS_ENDPOINT;

    /// <summary>The VM's name in Scheduled Events' Resources; defaults to the VM id.</summary>
    public string? AzureVmName { get; set; }

    /// <summary>Deadline used when a notice carries no NotBefore; positive. Default <see cref="DEFAULT_DEFAULT_NOTICE"/>.</summary>
    public TimeSpan DefaultNotice { get; set; } = DEFAULT_DEFAULT_NOTICE;
}

/// <summary>Where a silo's VM cores come from.</summary>
public enum CoreSourceKind
{
    /// <summary>Nothing changes the cores.</summary>
    None,

    /// <summary>The configured cores, changed only by operators.</summary>
    Static,

    /// <summary>A harvest trace replayed.</summary>
    Trace,

    /// <summary>The cgroup's CPU quota, polled.</summary>
    Cgroup,
}
