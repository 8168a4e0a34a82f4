namespace HarvestOrleans.Policies;

/// <summary>The names of the built-in balancing policies (the registered ones: <see cref="BalancingPolicies.Names"/>).</summary>
public static class BalancingPolicyNames
{
    /// <summary><see cref="MinWorkerSetPolicy"/>, the paper's.</summary>
    public const string MinWorkerSet = "MinWorkerSet";

    /// <summary><see cref="JoinShortestQueuePolicy"/>.</summary>
    public const string JoinShortestQueue = "JoinShortestQueue";

    /// <summary><see cref="OpenWhiskHashPolicy"/>.</summary>
    public const string OpenWhiskHash = "OpenWhiskHash";
}
