using HarvestOrleans.Functions;

namespace HarvestOrleans.FunctionBench;

/// <summary>
/// k-nearest-neighbours: classifies generated query points against a generated, labelled training set (three
/// Gaussian clusters); reports the accuracy. Stands in for FunctionBench's model-inference functions.
/// </summary>
public sealed class KnnFunction : HarvestFunction<KnnFunction.Request, KnnFunction.Response>
{
    public sealed record Request(int Train = 4_000, int Queries = 400, int Dimensions = 16, int K = 5, int Seed = 1);

    public sealed record Response(int Queries, int K, double Accuracy);

    protected override Task<Response> RunAsync(Request? input, FunctionContext context, CancellationToken cancellationToken)
    {
        var request = input ?? new Request();
        var train = Inputs.InRange(request.Train, 1, 1_000_000, "train");
        var queries = Inputs.InRange(request.Queries, 1, 100_000, "queries");
        var dims = Inputs.InRange(request.Dimensions, 1, 1024, "dimensions");
        var k = Inputs.InRange(request.K, 1, train, "k");
        var random = Inputs.Seeded(request.Seed);
        var (points, labels) = Generate(random, train, dims);
        var (queryPoints, queryLabels) = Generate(random, queries, dims);

        var correct = 0;
        var distances = new (double Distance, int Label)[train];
        for (var q = 0; q < queries; q++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var t = 0; t < train; t++)
            {
                double d = 0;
                for (var j = 0; j < dims; j++)
                {
                    var diff = points[t][j] - queryPoints[q][j];
                    d += diff * diff;
                }

                distances[t] = (d, labels[t]);
            }

            Array.Sort(distances, (a, b) => a.Distance.CompareTo(b.Distance));
            var vote = distances.Take(k).GroupBy(x => x.Label).OrderByDescending(g => g.Count()).First().Key;
            correct += vote == queryLabels[q] ? 1 : 0;
        }

        return Task.FromResult(new Response(queries, k, (double)correct / queries));
    }

    private static (double[][] Points, int[] Labels) Generate(Random random, int count, int dims)
    {
        var points = new double[count][];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = random.Next(3);
            points[i] = new double[dims];
            for (var j = 0; j < dims; j++)
            {
                // Box-Muller around a per-class centre.
                var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                points[i][j] = (labels[i] * 1.5) + gaussian;
            }
        }

        return (points, labels);
    }
}
