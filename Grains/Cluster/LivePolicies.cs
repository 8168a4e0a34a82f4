using HarvestOrleans.Routing;
using HarvestOrleans.Grains.Routing;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Policies;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Cluster;

/// <summary>
/// The balancing and eviction policy this silo's FunctionGrains plan with, and the settings they plan with: the
/// configured ones, unless the cluster's <see cref="PolicySelection"/> names others. Names are looked up in the
/// registries (built-in policies and any the host registered). Policy objects are stateless, so a switch takes effect
/// at the next plan. The selection's resource policy is handed to this silo's <see cref="ResourceManager"/>, where it
/// takes effect at the next admission.
/// </summary>
public sealed class LivePolicies(
    IOptions<BalancingOptions> balancing,
    IOptions<EvictionOptions> eviction,
    BalancingPolicies balancingPolicies,
    EvictionPolicies evictionPolicies,
    ResourceManager resources)
{
    // Built on first use, not in the constructor: an unknown configured name must reach the options validator's
    // start-up error, not fail the construction of whatever depends on this.
    private volatile Current? _current;

    /// <summary>The balancing policy plans are made with.</summary>
    public IBalancingPolicy Balancing => Now.Balancing;

    /// <summary>The settings plans are made with (a plan, and so a route lease, carries them whole).</summary>
    public BalancingPolicySettings BalancingSettings => Now.BalancingSettings;

    /// <summary>The eviction policy that limits the VMs a function is planned over.</summary>
    public IEvictionPolicy Eviction => Now.Eviction;

    /// <summary>The settings the eviction policy decides with.</summary>
    public EvictionPolicySettings EvictionSettings => Now.EvictionSettings;

    /// <summary>The cluster's selection these policies follow.</summary>
    public PolicySelection Selection => Now.Selection;

    private Current Now => _current ??= Build(PolicySelection.Configured);

    /// <summary>Applies the cluster's selection (a repeated version changes nothing).</summary>
    public void Apply(PolicySelection selection)
    {
        if (selection.Version != Now.Selection.Version)
        {
            resources.Apply(selection.Resources);
            _current = Build(selection);
        }
    }

    private Current Build(PolicySelection selection) => new(
        balancingPolicies.Get(selection.Balancing ?? balancing.Value.Policy),
        balancing.Value.ToSettings(),
        evictionPolicies.Get(selection.Eviction ?? eviction.Value.Policy),
        eviction.Value.ToSettings(),
        selection);

    private sealed record Current(
        IBalancingPolicy Balancing,
        BalancingPolicySettings BalancingSettings,
        IEvictionPolicy Eviction,
        EvictionPolicySettings EvictionSettings,
        PolicySelection Selection);
}
