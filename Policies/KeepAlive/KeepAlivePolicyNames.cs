namespace HarvestOrleans.Policies;

public static class KeepAlivePolicyNames
{
    /// <summary>A fixed keep-alive window after every invocation (OpenWhisk's 10 minutes by default).</summary>
    public const string Fixed = "fixed";

    /// <summary>The hybrid histogram policy of Shahrad et al., "Serverless in the Wild" (ATC'20).</summary>
    public const string HybridHistogram = "hybrid";

    public static IReadOnlyList<string> All { get; } = [Fixed, HybridHistogram];
}
