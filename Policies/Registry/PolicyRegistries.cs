namespace HarvestOrleans.Policies;

/// <summary>The balancing policies by name. <c>new BalancingPolicies()</c> holds the built-in ones.</summary>
public sealed class BalancingPolicies : PolicyRegistry<IBalancingPolicy>
{
    /// <summary>The built-in balancing policies.</summary>
    public static IReadOnlyList<IBalancingPolicy> BuiltIn { get; } = [new MinWorkerSetPolicy(), new JoinShortestQueuePolicy(), new OpenWhiskHashPolicy()];

    /// <summary>A registry of the built-in policies (for code without a container: the simulator, tests).</summary>
    public BalancingPolicies()
        : this(BuiltIn)
    {
    }

    /// <summary>A registry of <paramref name="policies"/> (in a container: every registered <see cref="IBalancingPolicy"/>).</summary>
    public BalancingPolicies(IEnumerable<IBalancingPolicy> policies)
        : base("balancing", policies)
    {
    }
}

/// <summary>The eviction policies by name. <c>new EvictionPolicies()</c> holds the built-in ones.</summary>
public sealed class EvictionPolicies : PolicyRegistry<IEvictionPolicy>
{
    /// <summary>The built-in eviction policies.</summary>
    public static IReadOnlyList<IEvictionPolicy> BuiltIn { get; } = [new LiveAndLetDiePolicy(), new NoFailuresPolicy(), new BoundedFailuresPolicy()];

    /// <summary>A registry of the built-in policies (for code without a container: the simulator, tests).</summary>
    public EvictionPolicies()
        : this(BuiltIn)
    {
    }

    /// <summary>A registry of <paramref name="policies"/> (in a container: every registered <see cref="IEvictionPolicy"/>).</summary>
    public EvictionPolicies(IEnumerable<IEvictionPolicy> policies)
        : base("eviction", policies)
    {
    }
}

/// <summary>The keep-alive policies by name. <c>new KeepAlivePolicies()</c> holds the built-in ones.</summary>
public sealed class KeepAlivePolicies : PolicyRegistry<IKeepAlivePolicy>
{
    /// <summary>The built-in keep-alive policies.</summary>
    public static IReadOnlyList<IKeepAlivePolicy> BuiltIn { get; } = [new FixedKeepAlivePolicy(), new HybridHistogramPolicy()];

    /// <summary>A registry of the built-in policies (for code without a container: the simulator, tests).</summary>
    public KeepAlivePolicies()
        : this(BuiltIn)
    {
    }

    /// <summary>A registry of <paramref name="policies"/> (in a container: every registered <see cref="IKeepAlivePolicy"/>).</summary>
    public KeepAlivePolicies(IEnumerable<IKeepAlivePolicy> policies)
        : base("keep-alive", policies)
    {
    }
}
