using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HarvestOrleans.Functions;

/// <summary>
/// A stateful function: each invocation names an entity id and runs against that entity's state, one invocation at a
/// time per id (the CIDR'19 critique's addressable agents). The state is read as JSON into <typeparamref name="TState"/>
/// (a new one the first time), and stored after each invocation that succeeded and changed it, compared as JSON — so
/// changing it in place is enough. Register it with <c>AddEntity</c>; invoke it with <c>HarvestClient.InvokeEntityAsync</c>
/// or <c>POST /api/entities/{name}/{id}/invoke</c>.
/// </summary>
/// <typeparam name="TState">The entity's state; JSON-serialisable, with a parameterless constructor for its first invocation.</typeparam>
/// <typeparam name="TInput">One invocation's input (JSON).</typeparam>
/// <typeparam name="TOutput">One invocation's output (JSON).</typeparam>
public abstract class HarvestEntity<TState, TInput, TOutput> : IHarvestFunction
    where TState : new()
{
    private readonly JsonSerializerOptions _defaultOptions = new(FunctionJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    /// <summary>The JSON settings for state, input and output; null: <see cref="FunctionJson.Options"/>.</summary>
    protected virtual JsonSerializerOptions? SerializerOptions => null;

    /// <summary>Runs once per VM when the instance is created (its cold start).</summary>
    public virtual ValueTask InitializeAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Reads the envelope (<see cref="EntityEnvelope"/>), runs <see cref="RunAsync"/> and returns its output with the state if it changed.</summary>
    public async Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken)
    {
        var options = SerializerOptions ?? _defaultOptions;
        var (id, stored, body) = EntityEnvelope.ReadRequest(input.Bytes);
        var state = stored is null ? new TState() : new FunctionPayload(stored).ReadJson<TState>(options);
        var before = stored ?? FunctionPayload.FromJson(state, options).ToArray();
        var entity = new EntityContext<TState>(id, state);
        var result = await RunAsync(new FunctionPayload(body.ToArray()).ReadJson<TInput>(options), entity, context, cancellationToken);
        var after = FunctionPayload.FromJson(entity.State, options).ToArray();
        var changed = stored is null || !after.AsSpan().SequenceEqual(before) ? after : null;
        return new FunctionPayload(EntityEnvelope.WriteResult(FunctionPayload.FromJson(result, options).Bytes.Span, changed));
    }

    /// <summary>Runs one invocation of <paramref name="entity"/> on its deserialised input; change <see cref="EntityContext{TState}.State"/> to change the entity.</summary>
    protected abstract Task<TOutput> RunAsync(TInput input, EntityContext<TState> entity, FunctionContext context, CancellationToken cancellationToken);
}

/// <summary>The entity an invocation runs against.</summary>
/// <typeparam name="TState">The entity's state.</typeparam>
public sealed class EntityContext<TState>(string id, TState state)
{
    /// <summary>The entity's id, as the caller named it.</summary>
    public string Id { get; } = id;

    /// <summary>The entity's state: change it in place or replace it; it is stored when the invocation succeeds.</summary>
    public TState State { get; set; } = state;
}
