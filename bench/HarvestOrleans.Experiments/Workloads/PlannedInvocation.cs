namespace HarvestOrleans.Experiments.Workloads;

/// <summary>One invocation an open-loop workload will send: when (seconds from the start, after compression), which trace function, and its traced duration.</summary>
public sealed record PlannedInvocation(double AtSeconds, string TraceFunction, double DurationMs);
