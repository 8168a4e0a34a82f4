using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HarvestOrleans.Functions;

/// <summary>A function with JSON input and output.</summary>
public abstract class HarvestFunction<TInput, TOutput> : IHarvestFunction
{
    // Per instance and with its own resolver: options with equal settings share one metadata cache, which would keep a
    // package function's types (and so its unloaded load context) alive for as long as the host's options live.
    private readonly JsonSerializerOptions _defaultOptions = new(FunctionJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    /// <summary>The JSON settings for input and output; null: <see cref="FunctionJson.Options"/>.</summary>
    protected virtual JsonSerializerOptions? SerializerOptions => null;

    /// <summary>Runs once per VM when the instance is created (its cold start): load models, warm caches.</summary>
    public virtual ValueTask InitializeAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Reads the input as <typeparamref name="TInput"/>, runs <see cref="RunAsync"/> and writes its result as JSON.</summary>
    public async Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken)
    {
        var options = SerializerOptions ?? _defaultOptions;
        var value = input.ReadJson<TInput>(options);
        // No ConfigureAwait(false): writing the output stays on the invocation's scheduler (its cores, its measured CPU).
        var result = await RunAsync(value, context, cancellationToken);
        return FunctionPayload.FromJson(result, options);
    }

    /// <summary>Runs one invocation on its deserialised input.</summary>
    protected abstract Task<TOutput> RunAsync(TInput input, FunctionContext context, CancellationToken cancellationToken);
}
