using HarvestOrleans.Routing;
using HarvestOrleans.Grains.Routing;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Policies;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Routing;

/// <summary>
/// The balancing and eviction policy this silo's FunctionGrains plan with: the configured ones, unless the cluster's
/// <see cref="PolicySelection"/> names others. Policy objects are stateless, so a switch takes effect at the next plan.
/// </summary>
public sealed class LivePolicies(IOptions<BalancingOptions> balancing, IOptions<EvictionOptions> eviction)
{
    // Built on first use, not in the constructor: an unknown configured name must reach the options validator's
    // start-up error, not fail the construction of whatever depends on this.
    private volatile Current? _current;

    public IBalancingPolicy Balancing => Now.Balancing;

    public IEvictionPolicy Eviction => Now.Eviction;

    public PolicySelection Selection => Now.Selection;

    private Current Now => _current ??= Build(balancing.Value, eviction.Value, PolicySelection.Configured);

    /// <summary>Applies the cluster's selection (a repeated version changes nothing).</summary>
    public void Apply(PolicySelection selection)
    {
        if (selection.Version != Now.Selection.Version)
        {
            _current = Build(balancing.Value, eviction.Value, selection);
        }
    }

    private static Current Build(BalancingOptions balancing, EvictionOptions eviction, PolicySelection selection) => new(
        BalancingPolicyFactory.Create(selection.Balancing ?? balancing.Policy, balancing.ToSettings()),
        EvictionPolicyFactory.Create(selection.Eviction ?? eviction.Policy, eviction.ToSettings()),
        selection);

    private sealed record Current(IBalancingPolicy Balancing, IEvictionPolicy Eviction, PolicySelection Selection);
}
