using System.Text.Json;

namespace HarvestOrleans.Functions;

/// <summary>
/// Calls from a running function to other functions and entities (<see cref="FunctionContext.Calls"/>): one grain call
/// each, no storage in between, and each call is an invocation like any other — its own record, limits and timeout —
/// cut off at the caller's deadline, and allowed only in the namespaces the caller's API key may invoke.
/// </summary>
public interface IFunctionCalls
{
    /// <summary>Invokes <paramref name="function"/> (its current version) and returns how it ended.</summary>
    Task<FunctionCallResult> InvokeAsync(string function, FunctionPayload input, CancellationToken cancellationToken = default);

    /// <summary>Invokes entity <paramref name="id"/> of the entity function <paramref name="entity"/> and returns how it ended.</summary>
    Task<FunctionCallResult> InvokeEntityAsync(string entity, string id, FunctionPayload input, CancellationToken cancellationToken = default);
}

/// <summary>How a call from a function ended: the callee's record, as much of it as a caller needs.</summary>
/// <param name="InvocationId">The callee's invocation id (its record's).</param>
/// <param name="Status">The record's status: Succeeded, Failed, TimedOut, Rejected, Evicted or NotFound.</param>
/// <param name="Output">The callee's output (empty unless it succeeded).</param>
/// <param name="ErrorType">Why it did not succeed, or null.</param>
/// <param name="ErrorMessage">The error's message, or null.</param>
/// <param name="VmId">Where it ran, or null.</param>
public sealed record FunctionCallResult(Guid InvocationId, string Status, FunctionPayload Output, string? ErrorType, string? ErrorMessage, string? VmId)
{
    /// <summary>The status of a call that succeeded.</summary>
    public const string Succeeded = "Succeeded";

    /// <summary>Whether the callee succeeded.</summary>
    public bool IsSuccess => Status == Succeeded;

    /// <summary>The output read as JSON (see <see cref="FunctionPayload.ReadJson{T}"/>).</summary>
    public T ReadJson<T>(JsonSerializerOptions? options = null) => Output.ReadJson<T>(options);
}
