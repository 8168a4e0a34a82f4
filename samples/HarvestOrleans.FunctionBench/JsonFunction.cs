using System.Text.Json;
using HarvestOrleans.Functions;

namespace HarvestOrleans.FunctionBench;

/// <summary>json_dumps_loads: serialises a generated document and parses it back, a number of times.</summary>
public sealed class JsonFunction : HarvestFunction<JsonFunction.Request, JsonFunction.Response>
{
    private readonly JsonSerializerOptions _options = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

    public sealed record Request(int Items = 2_000, int Iterations = 10, int Seed = 1);

    public sealed record Response(int Items, int Iterations, int Bytes);

    public sealed record Item(int Id, string Name, double Price, string[] Tags, Dictionary<string, int> Stock);

    protected override Task<Response> RunAsync(Request? input, FunctionContext context, CancellationToken cancellationToken)
    {
        var items = Inputs.InRange(input?.Items ?? 2_000, 1, 1_000_000, "items");
        var iterations = Inputs.InRange(input?.Iterations ?? 10, 1, 10_000, "iterations");
        var random = Inputs.Seeded(input?.Seed ?? 1);
        var document = Enumerable.Range(0, items)
            .Select(i => new Item(i, $"item-{random.Next():x8}", random.NextDouble() * 100, [$"t{random.Next(50)}", $"t{random.Next(50)}"],
                new Dictionary<string, int> { ["eu"] = random.Next(1000), ["us"] = random.Next(1000) }))
            .ToList();
        var bytes = 0;
        for (var i = 0; i < iterations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var json = JsonSerializer.SerializeToUtf8Bytes(document, _options);
            document = JsonSerializer.Deserialize<List<Item>>(json, _options)!;
            bytes = json.Length;
        }

        return Task.FromResult(new Response(items, iterations, bytes));
    }
}
