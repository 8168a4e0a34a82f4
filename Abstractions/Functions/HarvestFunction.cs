using System.Text.Json;

namespace HarvestOrleans.Functions;

/// <summary>A function with JSON input and output.</summary>
public abstract class HarvestFunction<TInput, TOutput> : IHarvestFunction
{
    protected virtual JsonSerializerOptions? SerializerOptions => null;

    public async Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken)
    {
        var value = input.ReadJson<TInput>(SerializerOptions);
        var result = await RunAsync(value, context, cancellationToken).ConfigureAwait(false);
        return FunctionPayload.FromJson(result, SerializerOptions);
    }

    protected abstract Task<TOutput> RunAsync(TInput input, FunctionContext context, CancellationToken cancellationToken);
}
