namespace HarvestOrleans.Invocations;

/// <summary>How an invocation ended. Every accepted invocation ends with exactly one of these.</summary>
[GenerateSerializer, Alias("HarvestOrleans.InvocationStatus")]
public enum InvocationStatus
{
    /// <summary>The function returned; <see cref="InvocationRecord.Output"/> holds its result.</summary>
    Succeeded = 0,

    /// <summary>The function threw, or its code could not be initialised; the error names the exception.</summary>
    Failed = 1,

    /// <summary>The function ran past its spec's timeout.</summary>
    TimedOut = 2,

    /// <summary>
    /// Not run: payload too large, queue full, queue wait exceeded, no VM available; or the function could not read its
    /// input (error type <see cref="InvocationErrorTypes.InvalidRequest"/>: the caller's error, not the function's).
    /// </summary>
    Rejected = 3,

    /// <summary>The VM running it was evicted and the function is not idempotent, or retries ran out.</summary>
    Evicted = 4,

    /// <summary>No function of that name (or version) is registered.</summary>
    NotFound = 5,
}
