using System.Buffers;
using HarvestOrleans.Client;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.Diagnostics;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.Functions;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Invocations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using HarvestOrleans.Resilience;
using Polly;
using Polly.Registry;

namespace HarvestOrleans.Http;

/// <summary>
/// The trigger's routes. Invocations: <c>POST /api/functions/{function}/invoke</c> (waits for the final record) and
/// <c>POST /api/functions/{function}/invoke-async</c> (202 with the invocation's id; the record is stored), then
/// <c>GET /api/invocations/{id}</c>; entities: <c>POST /api/entities/{entity}/{id}/invoke</c>. Operators: <c>GET /api/cluster</c> and <c>GET /api/cluster/history</c>.
/// </summary>
internal static partial class HttpTriggerEndpoints
{
    public const string InvocationLimiter = "harvest-invocations";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization();
        var invoke = api.MapGroup("/functions/{function}").RequireRateLimiting(InvocationLimiter);
        invoke.MapPost("/invoke", InvokeAsync);
        invoke.MapPost("/invoke-async", SubmitAsync);
        api.MapGroup("/entities/{entity}/{id}").RequireRateLimiting(InvocationLimiter).MapPost("/invoke", InvokeEntityAsync);
        api.MapGet("/invocations/{id:guid}", GetInvocationAsync);

        var admin = api.MapGroup("/cluster").RequireAuthorization(FunctionNamespaces.AdminPolicy);
        admin.MapGet("", (ClusterViewCache cluster) => Results.Json(cluster.Snapshot));
        admin.MapGet("/history", (ClusterHistory history) => Results.Json(history.View()));
    }

    private static async Task<IResult> InvokeAsync(string function, string? version, HttpContext http, HarvestClient client, IFunctionCatalog catalog, FunctionInvoker local, ClusterViewCache cluster, HarvestMetrics metrics, InFlightInvocations inFlight, IOptions<HarvestClientOptions> limits)
    {
        // Counted before the VM's state is read: a drain that starts after this either sees it, or it sees Draining.
        using var tracked = inFlight.Track();
        if (Refusal(function, http, local, cluster) is { } refused)
        {
            return refused;
        }

        // An unknown name is answered from this silo's catalog: no FunctionGrain is activated, no route cached and no
        // metric series made for it, so names callers make up leave nothing behind.
        if (await IsUnknownAsync(catalog, function, version))
        {
            var notFound = InvocationRecord.Fail(Guid.NewGuid(), function, version, InvocationStatus.NotFound,
                InvocationErrorTypes.FunctionNotFound, FunctionInvoker.NotFoundMessage(function, version));
            return Results.Json(HttpInvocationRecord.From(notFound), HttpTriggerJson.Default.HttpInvocationRecord, statusCode: StatusCodes.Status404NotFound);
        }

        var payload = await ReadPayloadAsync(http, limits.Value.MaxPayloadBytes);
        if (payload is null)
        {
            return TooLarge(limits.Value.MaxPayloadBytes);
        }

        CallerScope.Set(http.User.Namespaces()); // what the function calls, the key must allow too
        return Answer(await client.InvokeAsync(function, payload, version, http.RequestAborted), http, metrics);
    }

    /// <summary>A sync invocation's answer: its record as JSON, with the status code for its outcome (and Retry-After when it is worth it).</summary>
    private static IResult Answer(InvocationRecord record, HttpContext http, HarvestMetrics metrics)
    {
        metrics.RecordLatency(record);
        var status = InvocationStatusCodes.For(record);
        if (InvocationStatusCodes.IsRetryable(status))
        {
            http.Response.Headers.RetryAfter = "1";
        }

        return Results.Json(HttpInvocationRecord.From(record), HttpTriggerJson.Default.HttpInvocationRecord, statusCode: status);
    }

    private static async Task<IResult> SubmitAsync(string function, string? version, HttpContext http, HarvestClient client, IFunctionCatalog catalog, FunctionInvoker local, ClusterViewCache cluster, IOptions<HarvestClientOptions> limits, ILogger<HttpTriggerOptions> logger)
    {
        if (Refusal(function, http, local, cluster) is { } refused)
        {
            return refused;
        }

        // Refuse what could only end NotFound now, rather than accept it.
        if (await IsUnknownAsync(catalog, function, version))
        {
            return Results.Json(new HttpError(InvocationErrorTypes.FunctionNotFound, FunctionInvoker.NotFoundMessage(function, version)), HttpTriggerJson.Default.HttpError, statusCode: StatusCodes.Status404NotFound);
        }

        var payload = await ReadPayloadAsync(http, limits.Value.MaxPayloadBytes);
        if (payload is null)
        {
            return TooLarge(limits.Value.MaxPayloadBytes);
        }

        var id = Guid.NewGuid();
        AsyncInvocation accepted;
        try
        {
            // The client's submit path: it retries storing the acceptance across a moment of cluster change.
            CallerScope.Set(http.User.Namespaces()); // stored with the invocation: what it calls when it runs, the key must allow
            accepted = await client.SubmitAsync(id, function, payload, version, acceptedBy: local.VmId, http.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not stored, so not accepted: say so, and when to try again.
            logger.LogAcceptFailed(function, id, ex);
            http.Response.Headers.RetryAfter = "1";
            return Results.Json(
                new HttpError("NotAccepted", $"The invocation could not be stored, so it was not accepted; retry. ({ex.GetType().Name}: {ex.Message})"),
                HttpTriggerJson.Default.HttpError,
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var body = HttpAsyncInvocation.From(accepted);
        return Results.Accepted(body.Location, body);
    }

    private static async Task<IResult> GetInvocationAsync(Guid id, HttpContext http, IGrainFactory grains)
    {
        var invocation = await grains.GetGrain<IAsyncInvocationGrain>(id).GetAsync();
        if (invocation.State == AsyncInvocationState.Unknown)
        {
            return Results.Json(new HttpError("InvocationNotFound", $"No async invocation {id} was accepted."), HttpTriggerJson.Default.HttpError, statusCode: StatusCodes.Status404NotFound);
        }

        // A key sees only records of functions it may invoke.
        return http.User.MayInvoke(invocation.Function!) ? Results.Json(HttpAsyncInvocation.From(invocation), HttpTriggerJson.Default.HttpAsyncInvocation) : Results.Forbid();
    }

    /// <summary>
    /// Whether this silo's catalog says the function (or version) is not registered. When the catalog cannot be read,
    /// the invocation goes on to be routed, which looks again and answers with a record either way.
    /// </summary>
    private static async ValueTask<bool> IsUnknownAsync(IFunctionCatalog catalog, string function, string? version)
    {
        if (!FunctionSpec.IsValidName(function))
        {
            return true;
        }

        try
        {
            return await catalog.FindAsync(function, version) is null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Out of the key's namespaces (403), or this VM is draining for an eviction (503 with the reason).</summary>
    private static IResult? Refusal(string function, HttpContext http, FunctionInvoker local, ClusterViewCache cluster)
    {
        if (!http.User.MayInvoke(function))
        {
            return Results.Forbid();
        }

        if (local.State != VmState.Active)
        {
            var vm = cluster.Snapshot.Find(local.VmId);
            var deadline = vm?.EvictionDeadline is { } d ? $" until {d:O}" : "";
            http.Response.Headers.RetryAfter = "1";
            return Results.Json(
                new HttpError(InvocationErrorTypes.VmDraining, $"VM '{local.VmId}' is {local.State}{deadline} ({vm?.EvictionReason ?? "draining"}); send the request to another silo's trigger."),
                HttpTriggerJson.Default.HttpError,
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return null;
    }

    /// <summary>The body, or null when it is over the limit (read no further than that).</summary>
    private static async Task<byte[]?> ReadPayloadAsync(HttpContext http, int maxBytes)
    {
        if (http.Request.ContentLength is { } length)
        {
            if (!PayloadLimit.Fits(length, maxBytes))
            {
                return null;
            }

            // The common case: the length is known, so the body is read straight into the payload (Kestrel holds the
            // sender to it).
            var body = new byte[length];
            await http.Request.Body.ReadExactlyAsync(body, http.RequestAborted);
            return body;
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (!PayloadLimit.Fits(buffer.Length + read, maxBytes))
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static IResult TooLarge(int maxBytes) => Results.Json(
        new HttpError(InvocationErrorTypes.PayloadTooLarge, PayloadLimit.Refusal(length: null, maxBytes)),
        HttpTriggerJson.Default.HttpError,
        statusCode: StatusCodes.Status413PayloadTooLarge);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Async invocation {InvocationId} of '{Function}' could not be stored; answered 503 (not accepted)")]
    private static partial void LogAcceptFailed(this ILogger logger, string function, Guid invocationId, Exception exception);
}
