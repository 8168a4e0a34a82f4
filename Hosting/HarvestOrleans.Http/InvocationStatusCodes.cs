using HarvestOrleans.Invocations;
using Microsoft.AspNetCore.Http;

namespace HarvestOrleans.Http;

/// <summary>
/// The HTTP status of a final record. The body is always the record; the status lets plain HTTP clients tell a
/// function's failure (502/504) from the caller's own error (400, 413), overload (429, retry later) and an evicting VM
/// (503, retry elsewhere).
/// </summary>
public static class InvocationStatusCodes
{
    /// <summary>The HTTP status code answering <paramref name="record"/>.</summary>
    public static int For(InvocationRecord record) => record.Status switch
    {
        InvocationStatus.Succeeded => StatusCodes.Status200OK,
        InvocationStatus.Failed => StatusCodes.Status502BadGateway,
        InvocationStatus.TimedOut => StatusCodes.Status504GatewayTimeout,
        InvocationStatus.NotFound => StatusCodes.Status404NotFound,
        InvocationStatus.Evicted => StatusCodes.Status502BadGateway,
        InvocationStatus.Rejected => record.Error?.Type switch
        {
            InvocationErrorTypes.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
            InvocationErrorTypes.InvalidRequest => StatusCodes.Status400BadRequest,
            InvocationErrorTypes.Forbidden => StatusCodes.Status403Forbidden,
            InvocationErrorTypes.VmDraining or InvocationErrorTypes.RoutingUnavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status429TooManyRequests, // queue full, queue wait exceeded, no capacity: overload
        },
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Whether a caller should come back later (and is told when, with Retry-After).</summary>
    public static bool IsRetryable(int status) => status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable;
}
