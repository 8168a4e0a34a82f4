namespace HarvestOrleans.Invocations;

/// <summary>Thrown by the typed client helpers when an invocation did not succeed; carries the full record.</summary>
public abstract class InvocationException(InvocationRecord record)
    : Exception($"Invocation {record.Id} of '{record.Function}' ended {record.Status}: {record.Error}")
{
    public InvocationRecord Record { get; } = record;

    public static InvocationException For(InvocationRecord record) => record.Status switch
    {
        InvocationStatus.Failed => new FunctionFailedException(record),
        InvocationStatus.TimedOut => new FunctionTimedOutException(record),
        InvocationStatus.Rejected when record.Error?.Type == InvocationErrorTypes.InvalidRequest => new InvalidRequestException(record),
        InvocationStatus.Rejected => new InvocationRejectedException(record),
        InvocationStatus.Evicted => new InvocationEvictedException(record),
        InvocationStatus.NotFound => new FunctionNotFoundException(record),
        _ => throw new ArgumentException($"Invocation {record.Id} succeeded; there is no exception for it.", nameof(record)),
    };
}

/// <summary>The function threw (or could not be initialised).</summary>
public sealed class FunctionFailedException(InvocationRecord record) : InvocationException(record);

/// <summary>The function ran past its timeout.</summary>
public sealed class FunctionTimedOutException(InvocationRecord record) : InvocationException(record);

/// <summary>The platform did not run the invocation (payload too large, queue full, no capacity), or the function could not read its input.</summary>
public class InvocationRejectedException(InvocationRecord record) : InvocationException(record);

/// <summary>
/// The caller's input could not be read by the function (not valid JSON for its input type, or not UTF-8): error type
/// <see cref="InvocationErrorTypes.InvalidRequest"/>. Retrying the same input fails the same way.
/// </summary>
public sealed class InvalidRequestException(InvocationRecord record) : InvocationRejectedException(record);

/// <summary>Eviction of the VM cut the invocation off, and it could not be retried.</summary>
public sealed class InvocationEvictedException(InvocationRecord record) : InvocationException(record);

/// <summary>No function of that name or version is registered.</summary>
public sealed class FunctionNotFoundException(InvocationRecord record) : InvocationException(record);
