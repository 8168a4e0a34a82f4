namespace HarvestOrleans.Policies;

/// <summary>
/// Which rules the balancing policies follow. One setting selects it for Min-Worker-Set, JSQ and the OpenWhisk hash
/// baseline together, so a comparison never mixes modes.
/// </summary>
public enum PolicyMode
{
    /// <summary>The project's rules: the paper's intent, with the deliberate differences ARCHITECTURE.md lists and measures.</summary>
    Default,

    /// <summary>The authors' code rule by rule (docs/mws-as-implemented.md; apache/openwhisk's ShardingContainerPoolBalancer for hashing).</summary>
    Paper,
}
