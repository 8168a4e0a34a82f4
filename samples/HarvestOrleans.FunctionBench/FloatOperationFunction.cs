using HarvestOrleans.Functions;

namespace HarvestOrleans.FunctionBench;

/// <summary>float_operation: sin, cos and sqrt over a range of numbers.</summary>
public sealed class FloatOperationFunction : HarvestFunction<FloatOperationFunction.Request, FloatOperationFunction.Response>
{
    public sealed record Request(int N = 2_000_000);

    public sealed record Response(int N, double Checksum);

    protected override Task<Response> RunAsync(Request? input, FunctionContext context, CancellationToken cancellationToken)
    {
        var n = Inputs.InRange(input?.N ?? 2_000_000, 1, 200_000_000, "n");
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            sum += Math.Sin(i) * Math.Cos(i) + Math.Sqrt(i);
        }

        return Task.FromResult(new Response(n, sum));
    }
}
