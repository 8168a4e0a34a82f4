namespace HarvestOrleans.Policies;

/// <summary>Why an invocation got its allocation.</summary>
public enum ResourceDecisionReason
{
    /// <summary>The function's configuration as it is (<c>Fixed</c>, or <c>Freyr</c> without trained weights).</summary>
    Configured,

    /// <summary>The safeguard: no completed invocation yet, so the user's configuration.</summary>
    NoHistory,

    /// <summary>The safeguard: the last invocation failed, so the user's configuration.</summary>
    LastRunFailed,

    /// <summary>
    /// The safeguard: an over-provisioned function used at least the threshold of its reduced allocation, so that
    /// resource went back to the user's configuration (the other may still be decided by the policy).
    /// </summary>
    UsageSpike,

    /// <summary><c>Greedy</c> moved the last allocation one step down or up.</summary>
    Stepped,

    /// <summary><c>Freyr</c>'s network chose among the valid actions.</summary>
    Learned,

    /// <summary>No action of the grid was valid (e.g. the configuration is beyond the VM's cores): the configuration.</summary>
    NoValidAction,
}
