namespace HarvestOrleans.Policies;

/// <summary>
/// A resource manager: decides one invocation's allocation (cores, memory) at its admission, from the function's
/// configuration and recent history and the VM's resources, never beyond the VM's current cores. Implementations are
/// stateless (a trained network they hold is read-only); register one under its <see cref="IPolicy.Name"/> to make it
/// selectable (see <see cref="ResourcePolicies"/>).
/// </summary>
public interface IResourcePolicy : IPolicy
{
    /// <summary>The allocation of the invocation <paramref name="request"/> describes, with <paramref name="settings"/>.</summary>
    ResourceDecision Decide(ResourceRequest request, ResourcePolicySettings settings);
}
