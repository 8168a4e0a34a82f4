using HarvestOrleans.Functions;
using MathNet.Numerics.LinearAlgebra;

namespace HarvestOrleans.FunctionBench;

/// <summary>linpack: solves a seeded dense n×n system Ax = b by LU decomposition and reports the residual.</summary>
public sealed class LinpackFunction : HarvestFunction<LinpackFunction.Request, LinpackFunction.Response>
{
    public sealed record Request(int N = 400, int Seed = 1);

    public sealed record Response(int N, double Residual, double Mflops);

    protected override Task<Response> RunAsync(Request? input, FunctionContext context, CancellationToken cancellationToken)
    {
        var n = Inputs.InRange(input?.N ?? 400, 2, 4000, "n");
        var random = Inputs.Seeded(input?.Seed ?? 1);
        var a = Matrix<double>.Build.Dense(n, n, (_, _) => random.NextDouble() - 0.5);
        var b = Vector<double>.Build.Dense(n, _ => random.NextDouble() - 0.5);
        cancellationToken.ThrowIfCancellationRequested();

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var x = a.LU().Solve(b);
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        var residual = (a * x - b).L2Norm();
        var flops = (2.0 / 3.0 * n * n * n) + (2.0 * n * n);
        return Task.FromResult(new Response(n, residual, seconds > 0 ? flops / seconds / 1e6 : 0));
    }
}
