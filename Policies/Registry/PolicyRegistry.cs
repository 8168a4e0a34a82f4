using System.Collections.Frozen;

namespace HarvestOrleans.Policies;

/// <summary>
/// The policies of one kind, by name (ordinal, case-sensitive), as YARP keeps its <c>ILoadBalancingPolicy</c>
/// implementations: built once from whatever policies are registered, then a lookup. The runtime resolves every
/// configured or operator-chosen name through a registry, so a policy added to it is as selectable as a built-in one.
/// </summary>
/// <typeparam name="TPolicy">The kind of policy.</typeparam>
public abstract class PolicyRegistry<TPolicy>
    where TPolicy : class, IPolicy
{
    private readonly FrozenDictionary<string, TPolicy> _byName;

    /// <summary>Builds the registry from <paramref name="policies"/>.</summary>
    /// <param name="kind">What the policies decide, for messages ("balancing").</param>
    /// <param name="policies">The policies; each name may appear once (the same instance twice counts once).</param>
    /// <exception cref="ArgumentException">Two different policies share a name, or a name is empty.</exception>
    protected PolicyRegistry(string kind, IEnumerable<TPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        Kind = kind;
        var byName = new Dictionary<string, TPolicy>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var policy in policies)
        {
            if (string.IsNullOrWhiteSpace(policy.Name))
            {
                throw new ArgumentException($"The {kind} policy {policy.GetType().FullName} has no name.", nameof(policies));
            }

            if (byName.TryGetValue(policy.Name, out var existing) && !ReferenceEquals(existing, policy))
            {
                throw new ArgumentException(
                    $"Two {kind} policies are named '{policy.Name}': {existing.GetType().FullName} and {policy.GetType().FullName}.",
                    nameof(policies));
            }

            if (byName.TryAdd(policy.Name, policy))
            {
                names.Add(policy.Name);
            }
        }

        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        Names = names;
    }

    /// <summary>What the policies decide ("balancing", "eviction", "keep-alive").</summary>
    public string Kind { get; }

    /// <summary>The registered names, in registration order (the built-in ones first).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Whether a policy named <paramref name="name"/> is registered.</summary>
    public bool Contains(string? name) => name is not null && _byName.ContainsKey(name);

    /// <summary>The policy named <paramref name="name"/>.</summary>
    /// <exception cref="UnknownPolicyException">No such policy is registered; the message lists the known names.</exception>
    public TPolicy Get(string name) =>
        name is not null && _byName.TryGetValue(name, out var policy) ? policy : throw Unknown(name);

    /// <summary>The error for a name that is not registered: it names <paramref name="name"/> and the known names.</summary>
    public UnknownPolicyException Unknown(string? name) => new(Kind, name, Names);

    /// <summary>The policy named <paramref name="name"/>, if one is registered.</summary>
    public bool TryGet(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TPolicy? policy)
    {
        policy = null;
        return name is not null && _byName.TryGetValue(name, out policy);
    }
}

/// <summary>A configured or requested policy name that no registered policy has.</summary>
public sealed class UnknownPolicyException : ArgumentException
{
    /// <summary>Creates the error for <paramref name="name"/>, naming the <paramref name="known"/> ones.</summary>
    public UnknownPolicyException(string kind, string? name, IReadOnlyList<string> known)
        : base($"Unknown {kind} policy '{name}'. Known policies: {string.Join(", ", known)}.")
    {
        Kind = kind;
        PolicyName = name;
        KnownNames = known;
    }

    /// <summary>What the policy would have decided ("balancing", "eviction", "keep-alive").</summary>
    public string Kind { get; }

    /// <summary>The name asked for.</summary>
    public string? PolicyName { get; }

    /// <summary>The names that are registered.</summary>
    public IReadOnlyList<string> KnownNames { get; }
}
