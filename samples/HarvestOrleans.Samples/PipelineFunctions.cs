using System.Text.Json;
using HarvestOrleans.Functions;

namespace HarvestOrleans.Samples;

/// <summary>
/// Stage A of a two-stage pipeline (CIDR'19's prediction batch): for each item, calls stage B — another function, or an
/// entity when <see cref="Input.EntityId"/> is set — directly through its context (one grain call, no queue or storage
/// in between), in order, and returns what each call returned.
/// </summary>
public sealed class FanOutFunction : HarvestFunction<FanOutFunction.Input, FanOutFunction.Output>
{
    public static FunctionSpec Spec { get; } = new() { Name = "pipeline.fan-out", Cores = 0.25, MemoryMb = 64, Timeout = TimeSpan.FromSeconds(30) };

    /// <inheritdoc/>
    protected override async Task<Output> RunAsync(Input input, FunctionContext context, CancellationToken cancellationToken)
    {
        var results = new List<Result>(input.Items.Count);
        foreach (var item in input.Items)
        {
            var payload = new FunctionPayload(JsonSerializer.SerializeToUtf8Bytes(item, FunctionJson.Options));
            var call = input.EntityId is { } id
                ? await context.Calls.InvokeEntityAsync(input.Target, id, payload, cancellationToken)
                : await context.Calls.InvokeAsync(input.Target, payload, cancellationToken);
            results.Add(new Result(call.Status, call.IsSuccess ? call.ReadJson<JsonElement>(FunctionJson.Options) : null, call.ErrorType));
        }

        return new Output(results);
    }

    /// <summary>The function (or entity) to call per item, the items, and the entity id when it is an entity.</summary>
    public sealed record Input(string Target, IReadOnlyList<JsonElement> Items, string? EntityId = null);

    /// <summary>One call's status, output and error type.</summary>
    public sealed record Result(string Status, JsonElement? Output, string? ErrorType);

    /// <summary>Each item's result, in order.</summary>
    public sealed record Output(IReadOnlyList<Result> Results);
}

/// <summary>Stage B: a small model's score of one item (a dot product with fixed weights), the per-item work of the pipeline.</summary>
public sealed class ScoreFunction : HarvestFunction<ScoreFunction.Item, ScoreFunction.Score>
{
    private static readonly double[] Weights = [0.4, -0.2, 0.1, 0.7];

    public static FunctionSpec Spec { get; } = new() { Name = "pipeline.score", Cores = 0.25, MemoryMb = 64, Timeout = TimeSpan.FromSeconds(10), Idempotent = true };

    /// <inheritdoc/>
    protected override Task<Score> RunAsync(Item input, FunctionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Compute(input));

    /// <summary>The score itself, for a pipeline that reaches stage B another way (the benchmark's Redis queue).</summary>
    public static Score Compute(Item? input)
    {
        var features = input?.Features ?? [];
        var sum = 0.0;
        for (var i = 0; i < Math.Min(features.Length, Weights.Length); i++)
        {
            sum += features[i] * Weights[i];
        }

        return new Score(1 / (1 + Math.Exp(-sum)));
    }

    /// <summary>One item's features.</summary>
    public sealed record Item(double[] Features);

    /// <summary>Its score in (0, 1).</summary>
    public sealed record Score(double Value);
}
