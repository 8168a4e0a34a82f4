using HarvestOrleans.Entities;
using HarvestOrleans.Functions;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Invocations;
using HarvestOrleans.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// The calls a running function makes (<see cref="FunctionContext.Calls"/>): a function through the router every
/// caller uses (its lease, the worker's invoker: one grain call), an entity through its grain (one grain call); each
/// within the caller's deadline and its scope (<see cref="CallerScope"/>, carried by the request context).
/// </summary>
public sealed class FunctionCallRouter(IInvocationRouter router, IGrainFactory grains, IOptions<InvokerOptions> options, ResiliencePipelineProvider<string> pipelines)
{
    private readonly ResiliencePipeline _entityCalls = pipelines.GetPipeline(HarvestPipelines.EntityCalls);

    /// <summary>The calls of one invocation, cut off at <paramref name="deadline"/>.</summary>
    public IFunctionCalls For(CancellationToken deadline) => new Calls(this, deadline);

    private async Task<FunctionCallResult> InvokeAsync(string function, FunctionPayload input, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        if (Forbidden(id, function) is { } refused)
        {
            return Result(refused);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline, cancellationToken);
        return Result(await router.InvokeAsync(id, function, input.ToArray(), null, int.MaxValue, int.MaxValue, linked.Token).ConfigureAwait(false));
    }

    private async Task<FunctionCallResult> InvokeEntityAsync(string entity, string entityId, FunctionPayload input, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var payload = input.ToArray();
        if ((Forbidden(id, entity) ?? EntityInvocation.Refusal(id, entity, entityId, payload.Length, options.Value.MaxPayloadBytes)) is { } refused)
        {
            return Result(refused);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline, cancellationToken);
        var grain = grains.GetGrain<IEntityGrain>(EntityKey.Of(entity, entityId));
        try
        {
            // The caller's pipeline: asked again while the entity moves off a VM that takes no new work.
            return Result(await _entityCalls.ExecuteAsync(
                static async (state, ct) => EntityInvocation.AskAgainIfMoving(await state.grain.InvokeAsync(state.id, state.payload).WaitAsync(ct).ConfigureAwait(false)),
                (grain, id, payload),
                linked.Token).ConfigureAwait(false));
        }
        catch (EntityMovingException moving)
        {
            return Result(moving.Record);
        }
        catch (Exception ex) when (EntityInvocation.Refused(ex, id, entity) is { } unplaceable)
        {
            return Result(unplaceable);
        }
    }

    private static InvocationRecord? Forbidden(Guid id, string function) => CallerScope.Allows(function)
        ? null
        : InvocationRecord.Fail(id, function, null, InvocationStatus.Rejected, InvocationErrorTypes.Forbidden,
            $"The API key this invocation came with may not invoke namespace '{FunctionNamespace.Of(function)}', so neither may its functions.");

    private static FunctionCallResult Result(InvocationRecord record) => new(
        record.Id,
        record.Status.ToString(),
        record.Output is { } output ? new FunctionPayload(output) : FunctionPayload.Empty,
        record.Error?.Type,
        record.Error?.Message,
        record.VmId);

    private sealed class Calls(FunctionCallRouter router, CancellationToken deadline) : IFunctionCalls
    {
        public Task<FunctionCallResult> InvokeAsync(string function, FunctionPayload input, CancellationToken cancellationToken = default) =>
            router.InvokeAsync(function ?? throw new ArgumentNullException(nameof(function)), input, deadline, cancellationToken);

        public Task<FunctionCallResult> InvokeEntityAsync(string entity, string id, FunctionPayload input, CancellationToken cancellationToken = default) =>
            router.InvokeEntityAsync(entity ?? throw new ArgumentNullException(nameof(entity)), id ?? throw new ArgumentNullException(nameof(id)), input, deadline, cancellationToken);
    }
}
