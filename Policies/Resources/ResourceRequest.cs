namespace HarvestOrleans.Policies;

/// <summary>What a resource policy decides one invocation's allocation from, at its admission.</summary>
/// <param name="Configured">The function's configured (the user's) cores and memory.</param>
/// <param name="History">The function's recent invocations.</param>
/// <param name="Vm">The VM it is admitted on, now.</param>
public sealed record ResourceRequest(ResourceAllocation Configured, FunctionResourceHistory History, VmResources Vm);
