namespace HarvestOrleans.Grains.Options;

/// <summary>The cluster's Resource Monitor. Bound from configuration section <c>Harvest:ResourceMonitor</c>.</summary>
public sealed class ResourceMonitorOptions
{
    public const string SectionName = "Harvest:ResourceMonitor";

    /// <summary>Keep the Active VMs' total cores at or above this; 0 turns provisioning off (history is still kept).</summary>
    public double MinimumActiveCores { get; set; }

    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After asking for cores, wait this long for them to show up before asking again.</summary>
    public TimeSpan ProvisionGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>After the monitor (re)activates, VMs may still be joining: it only watches for this long.</summary>
    public TimeSpan StartupGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Pool samples kept in the history.</summary>
    public int HistoryLength { get; set; } = 720;
}
