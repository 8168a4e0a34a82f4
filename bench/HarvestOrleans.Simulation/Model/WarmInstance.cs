namespace HarvestOrleans.Simulation.Model;

/// <summary>A function's instance on one VM: loading (its cold start) or loaded, with its users and expiry.</summary>
internal sealed class WarmInstance
{
    /// <summary>Identifies this load among every instance of the run: a ready event of an unloaded instance is stale.</summary>
    public required long LoadId { get; init; }

    public bool Loaded { get; set; }

    public int Users { get; set; }

    public long ExpiresUs { get; set; } = long.MaxValue;

    /// <summary>Bumped at every release, so an expiry scheduled before a later use does nothing.</summary>
    public long UseGeneration { get; set; }

    /// <summary>A handover's pre-warm: the cores its load holds, and the VM whose notice waits for it.</summary>
    public PreWarmHold? PreWarm { get; set; }

    /// <summary>Invocations admitted while it loads: they start when it is ready.</summary>
    public List<SimInvocation> Waiting { get; } = [];
}
