using HarvestOrleans.Functions;

namespace HarvestOrleans.Samples;

/// <summary>Counts primes below a limit, split across the invocation's allotted cores: a CPU-bound function.</summary>
public sealed class PrimeCountFunction : HarvestFunction<PrimeCountFunction.Request, PrimeCountFunction.Response>
{
    public static FunctionSpec Spec { get; } = new() { Name = "primes", Cores = 1, MemoryMb = 128, Timeout = TimeSpan.FromSeconds(30), Idempotent = true };

    public sealed record Request(int Limit = 200_000);

    public sealed record Response(int Limit, int Primes, int Cores);

    protected override Task<Response> RunAsync(Request input, FunctionContext context, CancellationToken cancellationToken)
    {
        input ??= new Request();
        if (input.Limit is < 2 or > 50_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(input), input.Limit, "limit must be in [2, 50000000]");
        }

        var count = 0;
        Parallel.For(
            2,
            input.Limit,
            context.CreateParallelOptions(cancellationToken),
            () => 0,
            (n, _, local) => IsPrime(n) ? local + 1 : local,
            local => Interlocked.Add(ref count, local));
        context.Logger.LogPrimeCount(input.Limit, count);
        return Task.FromResult(new Response(input.Limit, count, context.AllottedCores));
    }

    private static bool IsPrime(int n)
    {
        if (n % 2 == 0)
        {
            return n == 2;
        }

        for (var d = 3; (long)d * d <= n; d += 2)
        {
            if (n % d == 0)
            {
                return false;
            }
        }

        return true;
    }
}
