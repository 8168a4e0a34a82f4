namespace HarvestOrleans.Policies;

public static class BalancingPolicyFactory
{
    public static IBalancingPolicy Create(string name, BalancingPolicySettings? settings = null)
    {
        settings ??= new BalancingPolicySettings();
        return name switch
        {
            BalancingPolicyNames.MinWorkerSet => new MinWorkerSetPolicy(settings),
            BalancingPolicyNames.JoinShortestQueue => new JoinShortestQueuePolicy(settings),
            BalancingPolicyNames.OpenWhiskHash => new OpenWhiskHashPolicy(settings),
            _ => throw new ArgumentException(
                $"Unknown balancing policy '{name}'. Known policies: {string.Join(", ", BalancingPolicyNames.All)}.", nameof(name)),
        };
    }

    public static bool IsKnown(string? name) => name is not null && BalancingPolicyNames.All.Contains(name);
}
