using System.Diagnostics;
using HarvestOrleans.Functions;

namespace HarvestOrleans.FunctionBench;

/// <summary>
/// A stand-in for a traced function: keeps one core busy for the requested time (a trace's duration), so replayed
/// load costs CPU like the original did.
/// </summary>
public sealed class SyntheticFunction : HarvestFunction<SyntheticFunction.Request, SyntheticFunction.Response>
{
    public sealed record Request(double Ms = 100);

    public sealed record Response(double Ms, long Spins);

    protected override Task<Response> RunAsync(Request? input, FunctionContext context, CancellationToken cancellationToken)
    {
        var ms = input?.Ms ?? 100;
        if (!(ms >= 0) || ms > 900_000)
        {
            throw new ArgumentOutOfRangeException(nameof(input), ms, "ms must be in [0, 900000]");
        }

        var started = Stopwatch.GetTimestamp();
        long spins = 0;
        while (Stopwatch.GetElapsedTime(started).TotalMilliseconds < ms)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < 1000; i++)
            {
                spins++;
            }
        }

        return Task.FromResult(new Response(ms, spins));
    }
}
