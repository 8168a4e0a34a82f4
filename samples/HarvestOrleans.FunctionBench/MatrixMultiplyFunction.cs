using HarvestOrleans.Functions;

namespace HarvestOrleans.FunctionBench;

/// <summary>matmul: multiplies two seeded n×n matrices, rows split across the invocation's allotted cores.</summary>
public sealed class MatrixMultiplyFunction : HarvestFunction<MatrixMultiplyFunction.Request, MatrixMultiplyFunction.Response>
{
    public sealed record Request(int N = 300, int Seed = 1);

    public sealed record Response(int N, int Cores, double Trace);

    protected override Task<Response> RunAsync(Request? input, FunctionContext context, CancellationToken cancellationToken)
    {
        var n = Inputs.InRange(input?.N ?? 300, 1, 3000, "n");
        var random = Inputs.Seeded(input?.Seed ?? 1);
        var a = new double[n * n];
        var b = new double[n * n];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = random.NextDouble();
            b[i] = random.NextDouble();
        }

        var c = new double[n * n];
        Parallel.For(0, n, context.CreateParallelOptions(cancellationToken), i =>
        {
            for (var k = 0; k < n; k++)
            {
                var aik = a[(i * n) + k];
                for (var j = 0; j < n; j++)
                {
                    c[(i * n) + j] += aik * b[(k * n) + j];
                }
            }
        });

        double trace = 0;
        for (var i = 0; i < n; i++)
        {
            trace += c[(i * n) + i];
        }

        return Task.FromResult(new Response(n, context.AllottedCores, trace));
    }
}
