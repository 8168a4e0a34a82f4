namespace HarvestOrleans.Policies;

/// <summary>
/// The function's configuration, always (OpenWhisk's and the runtime's behaviour before resource managers; the paper's
/// Fixed RM). It is not clamped to the VM's current cores: a configuration above them waits in the admission queue for
/// the VM to grow (or its queue wait ends), as it always has, and the admission rule still never runs it beyond them.
/// </summary>
public sealed class FixedResourcePolicy : IResourcePolicy
{
    /// <inheritdoc/>
    public string Name => ResourcePolicyNames.Fixed;

    /// <inheritdoc/>
    public ResourceDecision Decide(ResourceRequest request, ResourcePolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ResourceDecision(request.Configured, ResourceDecisionReason.Configured);
    }
}
