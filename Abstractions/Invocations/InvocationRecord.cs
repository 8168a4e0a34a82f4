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
