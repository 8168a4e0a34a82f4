namespace HarvestOrleans.Policies;

/// <summary>The resource policies by name. <c>new ResourcePolicies()</c> holds the built-in ones.</summary>
public sealed class ResourcePolicies : PolicyRegistry<IResourcePolicy>
{
    /// <summary>
    /// The built-in resource policies. Their <see cref="FreyrResourcePolicy"/> has the weights shipped in this library
    /// (<see cref="FreyrResourcePolicy.LoadShipped"/>, trained in the simulator), or none when none ship (it then gives
    /// the configuration behind its safeguard); a host can register one built with another weights file instead.
    /// </summary>
    public static IReadOnlyList<IResourcePolicy> BuiltIn { get; } = [new FixedResourcePolicy(), new GreedyResourcePolicy(), FreyrResourcePolicy.LoadShipped() ?? new FreyrResourcePolicy()];

    /// <summary>A registry of the built-in policies (for code without a container: the simulator, tests).</summary>
    public ResourcePolicies()
        : this(BuiltIn)
    {
    }

    /// <summary>A registry of <paramref name="policies"/> (in a container: every registered <see cref="IResourcePolicy"/>).</summary>
    public ResourcePolicies(IEnumerable<IResourcePolicy> policies)
        : base("resource", policies)
    {
    }
}
