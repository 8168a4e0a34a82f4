namespace HarvestOrleans.Policies;

/// <summary>Keeps every instance for the same window after its last invocation; never pre-warms.</summary>
public sealed class FixedKeepAlivePolicy(TimeSpan keepAlive) : IKeepAlivePolicy
{
    public string Name => KeepAlivePolicyNames.Fixed;

    public KeepAliveWindows Windows(IdleTimeHistogram idleTimes) => new(TimeSpan.Zero, keepAlive);
}
