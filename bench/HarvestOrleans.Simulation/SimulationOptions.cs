using HarvestOrleans.Policies;

namespace HarvestOrleans.Simulation;

/// <summary>
/// Everything the simulated runtime decides with. The runtime's own values come from its options' defaults
/// (HarvestOrleans.Experiments' <c>LiveDefaults</c> builds these from them, so no default is copied here); the model's
/// own parameters (network hop, report phases) have their defaults below.
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>The default of <see cref="NetworkHopMs"/>: 0.25 ms, a grain call between two processes on one rack.</summary>
    public const double DEFAULT_NETWORK_HOP_MS = 0.25;

    /// <summary>The default of <see cref="ReportPhases"/>: 20 (VMs report 50 ms apart within a 1 s interval).</summary>
    public const int DEFAULT_REPORT_PHASES = 20;

    public required string BalancingPolicy { get; init; }

    public required BalancingPolicySettings Balancing { get; init; }

    public required string EvictionPolicy { get; init; }

    public required EvictionPolicySettings Eviction { get; init; }

    public required string KeepAlivePolicy { get; init; }

    public required KeepAlivePolicySettings KeepAlive { get; init; }

    /// <summary>How often a VM's warm pool unloads expired instances and starts due pre-warms.</summary>
    public required TimeSpan WarmPoolSweep { get; init; }

    /// <summary>How often a VM reports its load and its functions' usage.</summary>
    public required TimeSpan LoadReportInterval { get; init; }

    /// <summary>Reports a VM's recent peak spans.</summary>
    public required int PeakWindowReports { get; init; }

    /// <summary>How often planners refresh their view of the cluster.</summary>
    public required TimeSpan ClusterViewRefresh { get; init; }

    /// <summary>How long a caller keeps a function's plan.</summary>
    public required TimeSpan LeaseTtl { get; init; }

    /// <summary>Window of a function's rate estimate.</summary>
    public required TimeSpan RateWindow { get; init; }

    /// <summary>Execution samples a function's profile keeps.</summary>
    public required int ExecutionSamples { get; init; }

    /// <summary>Execution samples a VM reports per function per interval.</summary>
    public required int UsageSamplesPerInterval { get; init; }

    /// <summary>Invocations a VM's admission queue holds.</summary>
    public required int QueueCapacity { get; init; }

    /// <summary>Longest wait for cores before an invocation is turned away.</summary>
    public required TimeSpan MaxQueueWait { get; init; }

    public required int MaxRoutingAttempts { get; init; }

    public required int MaxExecutionAttempts { get; init; }

    /// <summary>First retry delay (doubling, with jitter, as the client's pipeline).</summary>
    public required TimeSpan RetryBaseDelay { get; init; }

    /// <summary>One message between a caller, a planner and a VM, in ms.</summary>
    public double NetworkHopMs { get; init; } = DEFAULT_NETWORK_HOP_MS;

    /// <summary>VMs report in this many phases spread over the report interval, as independent reporters do.</summary>
    public int ReportPhases { get; init; } = DEFAULT_REPORT_PHASES;

    /// <summary>Seed of every random choice of a run.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>When set, VM cores and cores in use are sampled this often (for charts); keep it off at scale.</summary>
    public TimeSpan? VmSampleInterval { get; init; }

    /// <summary>
    /// The resource manager deciding each invocation's cores and memory at admission, by name in
    /// <see cref="ResourcePolicies"/>. Default <c>Fixed</c>: every invocation gets its configuration, as a default silo.
    /// </summary>
    public string ResourcePolicy { get; init; } = ResourcePolicyNames.Fixed;

    /// <summary>The resource managers <see cref="ResourcePolicy"/> is found in (register a trained Freyr here).</summary>
    public ResourcePolicies ResourcePolicies { get; init; } = new();

    /// <summary>The resource managers' tunables.</summary>
    public ResourcePolicySettings Resources { get; init; } = ResourcePolicySettings.Default;

    /// <summary>After the workload ends, how long in-flight invocations may still run before the run stops.</summary>
    public TimeSpan DrainLimit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>What a VM does with its notice before it drains (<see cref="NoticeHandover"/>); off unless set.</summary>
    public NoticeHandoverSettings Handover { get; init; } = NoticeHandoverSettings.Off;

    /// <summary>What a VM that joins does before the balancer counts it in (<see cref="JoinWarmup"/>); off unless set.</summary>
    public NoticeHandoverSettings JoinWarmup { get; init; } = NoticeHandoverSettings.Off;
}
