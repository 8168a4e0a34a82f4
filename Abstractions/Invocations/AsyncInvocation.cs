namespace HarvestOrleans.Invocations;

public enum AsyncInvocationState
{
    /// <summary>No invocation with this id was ever accepted.</summary>
    Unknown = 0,

    /// <summary>Accepted and stored; not yet sent to a worker (or waiting to resume after its silo was lost).</summary>
    Accepted = 1,

    /// <summary>Sent to a worker; no final record yet.</summary>
    Running = 2,

    /// <summary>Ended: <see cref="AsyncInvocation.Record"/> holds its one final record.</summary>
    Completed = 3,
}

/// <summary>What is known of an asynchronous invocation.</summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.AsyncInvocation")]
public sealed record AsyncInvocation
{
    [Id(0)] public required Guid Id { get; init; }

    [Id(1)] public AsyncInvocationState State { get; init; }

    [Id(2)] public string? Function { get; init; }

    [Id(3)] public DateTimeOffset AcceptedAt { get; init; }

    /// <summary>The VM whose trigger accepted it.</summary>
    [Id(4)] public string? AcceptedBy { get; init; }

    /// <summary>How many times it was sent to run (more than one after its holder was lost and it was resumed).</summary>
    [Id(5)] public int Dispatches { get; init; }

    [Id(6)] public InvocationRecord? Record { get; init; }
}
