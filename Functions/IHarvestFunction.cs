namespace HarvestOrleans.Functions;

/// <summary>
/// A serverless function. One warm instance per function version serves every invocation on a VM, concurrently up to
/// the spec's <see cref="FunctionSpec.MaxConcurrency"/>, so implementations must be thread-safe.
/// </summary>
public interface IHarvestFunction
{
    /// <summary>Runs once per VM when the instance is created (the cold start); its time is reported as init ms.</summary>
    ValueTask InitializeAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Runs one invocation. <paramref name="cancellationToken"/> fires at the deadline; a function that ignores it
    /// still yields a TimedOut record to its caller at the deadline.
    /// </summary>
    Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken);
}
