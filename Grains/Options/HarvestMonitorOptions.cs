namespace HarvestOrleans.Grains.Options;

/// <summary>Where a silo learns its VM's cores and eviction notices. Bound from <c>Harvest:Monitor</c>.</summary>
public sealed class HarvestMonitorOptions
{
    public const string SectionName = "Harvest:Monitor";

    /// <summary>Static (the configured cores), Trace (replay <see cref="TracePath"/>), Cgroup (poll the CPU quota) or None.</summary>
    public CoreSourceKind CoreSource { get; set; } = CoreSourceKind.Static;

    /// <summary>A <c>&lt;seconds&gt; &lt;cores&gt;</c> harvest trace file, for <see cref="CoreSourceKind.Trace"/>.</summary>
    public string? TracePath { get; set; }

    /// <summary>Trace time is divided by this: 10 replays 20 minutes in 2.</summary>
    public double TimeScale { get; set; } = 1;

    public bool LoopTrace { get; set; }

    public string CgroupRoot { get; set; } = "/sys/fs/cgroup";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Poll Azure Scheduled Events for Preempt/Terminate notices.</summary>
    public bool ScheduledEvents { get; set; }

    public Uri ScheduledEventsEndpoint { get; set; } = Harvest.ScheduledEventsSource.DefaultEndpoint;

    /// <summary>The VM's name in Scheduled Events' Resources; defaults to the VM id.</summary>
    public string? AzureVmName { get; set; }

    /// <summary>Deadline used when a notice carries no NotBefore (about what Azure gives).</summary>
    public TimeSpan DefaultNotice { get; set; } = TimeSpan.FromSeconds(30);
}

public enum CoreSourceKind
{
    None,
    Static,
    Trace,
    Cgroup,
}
