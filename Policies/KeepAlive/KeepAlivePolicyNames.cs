namespace HarvestOrleans.Policies;

/// <summary>The names of the built-in keep-alive policies (the registered ones: <see cref="KeepAlivePolicies.Names"/>).</summary>
public static class KeepAlivePolicyNames
{
    /// <summary>A fixed keep-alive window after every invocation (OpenWhisk's 10 minutes by default).</summary>
    public const string Fixed = "fixed";

    /// <summary>The hybrid histogram policy of Shahrad et al., "Serverless in the Wild" (ATC'20).</summary>
    public const string HybridHistogram = "hybrid";
}
