using HarvestOrleans.Functions;

namespace HarvestOrleans.Invocations;

/// <summary>The final result of one invocation (compare OpenWhisk's activation record).</summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.InvocationRecord")]
public sealed record InvocationRecord
{
    [Id(0)] public required Guid Id { get; init; }

    [Id(1)] public required string Function { get; init; }

    /// <summary>The version that ran (or was asked for, when none ran).</summary>
    [Id(2)] public string? Version { get; init; }

    [Id(3)] public required InvocationStatus Status { get; init; }

    [Id(4)] public byte[]? Output { get; init; }

    [Id(5)] public InvocationError? Error { get; init; }

    /// <summary>The VM that ran (or last tried to run) the invocation.</summary>
    [Id(6)] public string? VmId { get; init; }

    [Id(7)] public double QueueWaitMs { get; init; }

    [Id(8)] public double InitMs { get; init; }

    [Id(9)] public double ExecutionMs { get; init; }

    [Id(10)] public bool ColdStart { get; init; }

    [Id(11)] public int Attempts { get; init; } = 1;

    [Id(12)] public bool Overload { get; init; }

    [Id(13)] public string[] Logs { get; init; } = [];

    [Id(14)] public DateTimeOffset CompletedAt { get; init; }

    /// <summary>End-to-end time seen by the client, including routing and retries.</summary>
    [Id(15)] public double LatencyMs { get; init; }

    /// <summary>
    /// CPU time the invocation's work used, in core-seconds, measured in process: the thread CPU time of every run of
    /// its work on its own scheduler (the function's code, its <c>await</c> continuations, <c>Task.Factory.StartNew</c>
    /// tasks, and <c>Parallel</c> loops given <c>FunctionContext.CreateParallelOptions</c>), not its load or
    /// initialisation (<see cref="InitMs"/>). Work sent to the thread pool is not counted: <c>Task.Run</c>,
    /// continuations after <c>ConfigureAwait(false)</c>, <c>Parallel</c> loops with default options (all but the
    /// calling thread's share), the function's own threads and timers. 0 when the invoker does not measure (its <c>MeasureResources</c> option off,
    /// or an OS other than Linux and Windows) and for invocations that never ran. For one that ran past its deadline
    /// and ignored cancellation, what it used until its record was made.
    /// </summary>
    [Id(16)] public double CpuSeconds { get; init; }

    /// <summary>
    /// <see cref="CpuSeconds"/> over <see cref="ExecutionMs"/>: the cores the invocation used on average while it ran
    /// (at most its allotted cores, apart from measurement noise on very short runs); 0 when not measured.
    /// </summary>
    [Id(17)] public double AverageCores { get; init; }

    /// <summary>
    /// Bytes the invocation's work allocated on the managed heap, counted per thread over the same runs as
    /// <see cref="CpuSeconds"/> (<c>GC.GetAllocatedBytesForCurrentThread</c>), with the same exclusions; native memory
    /// is not counted. Allocated, not resident: in a process shared by many invocations a peak working set cannot be
    /// attributed to one of them. 0 when not measured.
    /// </summary>
    [Id(18)] public long AllocatedBytes { get; init; }

    /// <summary>The cores the function is configured with (its spec's, the user's); 0 for an invocation that never ran.</summary>
    [Id(19)] public double ConfiguredCores { get; init; }

    /// <summary>
    /// The cores the VM's resource manager allocated it (<see cref="ResourcePolicy"/>, because of
    /// <see cref="ResourceReason"/>): what it held in the admission queue, never more than the VM's cores when it was
    /// decided; below <see cref="ConfiguredCores"/> when harvested, above when accelerated. Used cores: <see cref="AverageCores"/>.
    /// 0 for an invocation that never ran.
    /// </summary>
    [Id(20)] public double AllocatedCores { get; init; }

    /// <summary>
    /// The whole cores its work ran on at once (<c>FunctionContext.AllottedCores</c>): <see cref="AllocatedCores"/>
    /// rounded up, at least 1; 0 for an invocation that never ran.
    /// </summary>
    [Id(21)] public int AllottedCores { get; init; }

    /// <summary>The memory the function is configured with, in MB; 0 for an invocation that never ran.</summary>
    [Id(22)] public double ConfiguredMemoryMb { get; init; }

    /// <summary>
    /// The memory the resource manager allocated it, in MB (counted in the VM's memory in use; memory is not limited
    /// per invocation). The invoker measures no peak of memory per invocation, so the policies keep this at
    /// <see cref="ConfiguredMemoryMb"/> (see <see cref="AllocatedBytes"/> for what is measured). 0 for an invocation that never ran.
    /// </summary>
    [Id(23)] public double AllocatedMemoryMb { get; init; }

    /// <summary>The resource policy that decided its allocation (<c>Fixed</c>, <c>Greedy</c>, <c>Freyr</c>); null for an invocation that never ran.</summary>
    [Id(24)] public string? ResourcePolicy { get; init; }

    /// <summary>
    /// Why it got its allocation: a <c>ResourceDecisionReason</c> name (<c>Configured</c>, <c>NoHistory</c>,
    /// <c>LastRunFailed</c>, <c>UsageSpike</c>, <c>Stepped</c>, <c>Learned</c>, <c>NoValidAction</c>); null for an
    /// invocation that never ran.
    /// </summary>
    [Id(25)] public string? ResourceReason { get; init; }

    /// <summary>
    /// The most cores its work used at once, measured like <see cref="CpuSeconds"/> and over the same runs: the CPU
    /// time of its busiest 100 ms window (each run's CPU time spread over the run's wall time), in cores. What the
    /// resource policies take as its peak; <see cref="AverageCores"/> and above. 0 when not measured.
    /// </summary>
    [Id(26)] public double PeakCores { get; init; }

    /// <summary>
    /// How old, in ms, the load report of its VM was that the caller placed it with (its route lease's view of that
    /// VM) when it was placed: the freshness of the plan it used. 0 when it was not placed by a caller's route lease
    /// (turned away before placement, or run by a grain of the cluster itself). Silo and caller clocks are compared, so
    /// across machines it includes their skew.
    /// </summary>
    [Id(27)] public double PlanAgeMs { get; init; }

    public bool IsSuccess => Status == InvocationStatus.Succeeded;

    public FunctionPayload OutputPayload => new(Output ?? []);

    public T? ReadOutput<T>() => OutputPayload.ReadJson<T>();

    /// <summary>Returns this record if it succeeded, else throws the <see cref="InvocationException"/> for its status.</summary>
    public InvocationRecord EnsureSuccess() => IsSuccess ? this : throw InvocationException.For(this);

    public static InvocationRecord Fail(Guid id, string function, string? version, InvocationStatus status, string errorType, string message, string? vmId = null) =>
        new()
        {
            Id = id,
            Function = function,
            Version = version,
            Status = status,
            Error = new InvocationError(errorType, message),
            VmId = vmId,
            CompletedAt = DateTimeOffset.UtcNow,
        };
}
