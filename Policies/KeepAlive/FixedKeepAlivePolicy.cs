namespace HarvestOrleans.Policies;

/// <summary>Keeps every instance for <see cref="KeepAlivePolicySettings.KeepAlive"/> after its last invocation; never pre-warms.</summary>
public sealed class FixedKeepAlivePolicy : IKeepAlivePolicy
{
    /// <inheritdoc/>
    public string Name => KeepAlivePolicyNames.Fixed;

    /// <inheritdoc/>
    public KeepAliveWindows Windows(IdleTimeHistogram idleTimes, KeepAlivePolicySettings settings) => new(TimeSpan.Zero, settings.KeepAlive);
}
