using HarvestOrleans.Functions;

namespace HarvestOrleans.Samples;

/// <summary>Returns its input unchanged: the no-op function of the overhead benchmark.</summary>
public sealed class EchoFunction : IHarvestFunction
{
    public static FunctionSpec Spec { get; } = new() { Name = "echo", Cores = 1, MemoryMb = 64, Timeout = TimeSpan.FromSeconds(10), MaxConcurrency = 10_000, Idempotent = true };

    public Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(input);
}
