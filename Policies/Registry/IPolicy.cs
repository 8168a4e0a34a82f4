namespace HarvestOrleans.Policies;

/// <summary>
/// A policy the runtime looks up by name (a balancing, eviction or keep-alive policy). Implementations are stateless
/// decision code: the settings they decide with are passed to each call, so one instance serves every configuration
/// and a registry can hold it for the life of the process.
/// </summary>
public interface IPolicy
{
    /// <summary>The name configuration and operators use to choose this policy; unique among policies of its kind.</summary>
    string Name { get; }
}
