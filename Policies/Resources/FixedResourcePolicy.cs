namespace HarvestOrleans.Policies;

/// <summary>The function's configuration, always (OpenWhisk's and today's behaviour; the paper's Fixed RM), within the VM's cores.</summary>
public sealed class FixedResourcePolicy : IResourcePolicy
{
    /// <inheritdoc/>
    public string Name => ResourcePolicyNames.Fixed;

    /// <inheritdoc/>
    public ResourceDecision Decide(ResourceRequest request, ResourcePolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ResourceDecision.Within(request.Configured, ResourceDecisionReason.Configured, request.Vm);
    }
}
