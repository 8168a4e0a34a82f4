namespace HarvestOrleans.Policies;

/// <summary>The names of the built-in resource policies (the registered ones: <see cref="ResourcePolicies.Names"/>).</summary>
public static class ResourcePolicyNames
{
    /// <summary><see cref="FixedResourcePolicy"/>: the function's configuration (today's behaviour, the default).</summary>
    public const string Fixed = "Fixed";

    /// <summary><see cref="GreedyResourcePolicy"/>: the Freyr paper's greedy baseline.</summary>
    public const string Greedy = "Greedy";

    /// <summary><see cref="FreyrResourcePolicy"/>: Freyr's learned policy behind its safeguard (Yu et al., WWW'22).</summary>
    public const string Freyr = "Freyr";
}
