namespace HarvestOrleans.Policies;

/// <summary>
/// Decides how long a VM keeps a function's instance warm, from that function's history of idle times. Implementations
/// are stateless; register one under its <see cref="IPolicy.Name"/> to make it selectable (see <see cref="KeepAlivePolicies"/>).
/// </summary>
public interface IKeepAlivePolicy : IPolicy
{
    /// <summary>When to pre-warm and how long to keep the instance, given its <paramref name="idleTimes"/> and <paramref name="settings"/>.</summary>
    KeepAliveWindows Windows(IdleTimeHistogram idleTimes, KeepAlivePolicySettings settings);
}
