namespace HarvestOrleans.Cluster;

/// <summary>What became of a request to warm a function on a VM ahead of traffic (an eviction notice's handover).</summary>
[GenerateSerializer, Alias("HarvestOrleans.PreWarmOutcome")]
public enum PreWarmOutcome
{
    /// <summary>The function was loaded and initialised here; it stays for the keep-alive.</summary>
    Warmed = 0,

    /// <summary>It was loaded (or loading) here already.</summary>
    AlreadyWarm = 1,

    /// <summary>No such function is registered.</summary>
    NotFound = 2,

    /// <summary>The VM's cores stayed taken by queued or running work until the wait ended: a pre-warm yields to work.</summary>
    NoRoom = 3,

    /// <summary>The VM takes no work (it drains too).</summary>
    NotActive = 4,

    /// <summary>Loading or initialising the function failed or outlasted the wait.</summary>
    Failed = 5,
}

/// <summary>What a VM's handover of its notice did: how many functions it warmed elsewhere, and where.</summary>
[GenerateSerializer, Alias("HarvestOrleans.HandoverSummary")]
public sealed record HandoverSummary
{
    /// <summary>The functions chosen (the hottest first, within the budget).</summary>
    [Id(0)] public IReadOnlyList<string> Functions { get; init; } = [];

    /// <summary>Pre-warms that loaded a function on a VM taking over.</summary>
    [Id(1)] public int Warmed { get; init; }

    /// <summary>Pre-warms that found nothing to do or could not be done (already warm, no room, failed).</summary>
    [Id(2)] public int Skipped { get; init; }

    /// <summary>How long the VM kept taking work before draining, in ms.</summary>
    [Id(3)] public double WaitedMs { get; init; }

    /// <summary>The summary of the pre-warms of <paramref name="functions"/> that ended with <paramref name="outcomes"/>, after <paramref name="waitedMs"/>.</summary>
    public static HandoverSummary Of(IReadOnlyList<string> functions, IReadOnlyCollection<PreWarmOutcome> outcomes, double waitedMs) => new()
    {
        Functions = functions,
        Warmed = outcomes.Count(o => o == PreWarmOutcome.Warmed),
        Skipped = outcomes.Count(o => o != PreWarmOutcome.Warmed),
        WaitedMs = waitedMs,
    };
}
