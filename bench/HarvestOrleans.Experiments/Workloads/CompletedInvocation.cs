using HarvestOrleans.Invocations;

namespace HarvestOrleans.Experiments.Workloads;

/// <summary>An invocation's record with when it was sent, in seconds from the start of the run.</summary>
public sealed record CompletedInvocation(double SentAtSeconds, InvocationRecord Record);
