using HarvestOrleans.Functions;

namespace HarvestOrleans.Samples;

/// <summary>Waits for the given milliseconds, honouring cancellation: an I/O-bound function.</summary>
public sealed class SleepFunction : HarvestFunction<SleepFunction.Request, SleepFunction.Response>
{
    public static FunctionSpec Spec { get; } = new() { Name = "sleep", Cores = 1, MemoryMb = 64, Timeout = TimeSpan.FromSeconds(60), Idempotent = true };

    public sealed record Request(int Milliseconds = 100);

    public sealed record Response(int Milliseconds, string VmId);

    protected override async Task<Response> RunAsync(Request input, FunctionContext context, CancellationToken cancellationToken)
    {
        input ??= new Request();
        await Task.Delay(Math.Max(0, input.Milliseconds), cancellationToken);
        return new Response(input.Milliseconds, context.VmId);
    }
}
