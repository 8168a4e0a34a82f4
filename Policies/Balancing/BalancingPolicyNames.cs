namespace HarvestOrleans.Policies;

public static class BalancingPolicyNames
{
    public const string MinWorkerSet = "MinWorkerSet";
    public const string JoinShortestQueue = "JoinShortestQueue";
    public const string OpenWhiskHash = "OpenWhiskHash";

    public static IReadOnlyList<string> All { get; } = [MinWorkerSet, JoinShortestQueue, OpenWhiskHash];
}
