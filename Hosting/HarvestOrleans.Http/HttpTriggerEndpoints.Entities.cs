using HarvestOrleans.Client;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.Diagnostics;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Invocations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Http;

/// <summary><c>POST /api/entities/{entity}/{id}/invoke</c>: an entity's invocation, with the same keys, limits and record as a function's.</summary>
internal static partial class HttpTriggerEndpoints
{
    private static async Task<IResult> InvokeEntityAsync(string entity, string id, HttpContext http, HarvestClient client, IFunctionCatalog catalog, FunctionInvoker local, ClusterViewCache cluster, HarvestMetrics metrics, InFlightInvocations inFlight, IOptions<HarvestClientOptions> limits)
    {
        using var tracked = inFlight.Track();
        if (Refusal(entity, http, local, cluster) is { } refused)
        {
            return refused;
        }

        if (await IsUnknownAsync(catalog, entity, version: null))
        {
            var notFound = InvocationRecord.Fail(Guid.NewGuid(), entity, null, InvocationStatus.NotFound,
                InvocationErrorTypes.FunctionNotFound, FunctionInvoker.NotFoundMessage(entity, null));
            return Results.Json(HttpInvocationRecord.From(notFound), HttpTriggerJson.Default.HttpInvocationRecord, statusCode: StatusCodes.Status404NotFound);
        }

        var payload = await ReadPayloadAsync(http, limits.Value.MaxPayloadBytes);
        if (payload is null)
        {
            return TooLarge(limits.Value.MaxPayloadBytes);
        }

        CallerScope.Set(http.User.Namespaces());
        return Answer(await client.InvokeEntityAsync(entity, id, payload, http.RequestAborted), http, metrics);
    }
}
