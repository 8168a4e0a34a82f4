namespace HarvestOrleans.Grains.Options;

/// <summary>The cluster's Resource Monitor. Bound from configuration section <c>Harvest:ResourceMonitor</c>.</summary>
public sealed class ResourceMonitorOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Harvest:ResourceMonitor";

    /// <summary>The default of <see cref="CheckInterval"/>: 5 s.</summary>
    public static readonly TimeSpan DEFAULT_CHECK_INTERVAL = TimeSpan.FromSeconds(5);

    /// <summary>The shortest <see cref="CheckInterval"/> accepted: 50 ms.</summary>
    public static readonly TimeSpan MIN_CHECK_INTERVAL = TimeSpan.FromMilliseconds(50);

    /// <summary>The default of <see cref="ProvisionGrace"/>: 60 s.</summary>
    public static readonly TimeSpan DEFAULT_PROVISION_GRACE = TimeSpan.FromSeconds(60);

    /// <summary>The default of <see cref="StartupGrace"/>: 30 s.</summary>
    public static readonly TimeSpan DEFAULT_STARTUP_GRACE = TimeSpan.FromSeconds(30);

    /// <summary>The default of <see cref="HistoryLength"/>: 720 samples (an hour at the default check interval).</summary>
    public const int DEFAULT_HISTORY_LENGTH = 720;

    /// <summary>
    /// Keep the Active VMs' total cores at or above this, not negative; 0 (the default) turns provisioning off (history
    /// is still kept).
    /// </summary>
    public double MinimumActiveCores { get; set; }

    /// <summary>How often the pool is checked; at least <see cref="MIN_CHECK_INTERVAL"/>. Default <see cref="DEFAULT_CHECK_INTERVAL"/>.</summary>
    public TimeSpan CheckInterval { get; set; } = DEFAULT_CHECK_INTERVAL;

    /// <summary>
    /// After asking for cores, wait this long for them to show up before asking again; not negative. Default
    /// <see cref="DEFAULT_PROVISION_GRACE"/>.
    /// </summary>
    public TimeSpan ProvisionGrace { get; set; } = DEFAULT_PROVISION_GRACE;

    /// <summary>
    /// After the monitor (re)activates, VMs may still be joining: it only watches for this long; not negative. Default
    /// <see cref="DEFAULT_STARTUP_GRACE"/>.
    /// </summary>
    public TimeSpan StartupGrace { get; set; } = DEFAULT_STARTUP_GRACE;

    /// <summary>Pool samples kept in the history, at least 1. Default <see cref="DEFAULT_HISTORY_LENGTH"/>.</summary>
    public int HistoryLength { get; set; } = DEFAULT_HISTORY_LENGTH;
}
