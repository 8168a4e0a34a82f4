using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Options;

internal sealed class AsyncInvocationOptionsValidator(IOptions<AsyncInvocationOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var o = options.Value;
        if (o.ResumeInterval < AsyncInvocationOptions.MIN_RESUME_INTERVAL)
        {
            Fail($"ResumeInterval must be at least {AsyncInvocationOptions.MIN_RESUME_INTERVAL.TotalSeconds:0} s, was {o.ResumeInterval}.");
        }

        if (o.MaxDispatches < 1)
        {
            Fail($"MaxDispatches must be at least 1, was {o.MaxDispatches}.");
        }

        if (o.MaxAttempts < 1)
        {
            Fail($"MaxAttempts must be at least 1, was {o.MaxAttempts}.");
        }

        if (o.RetryDelay < TimeSpan.Zero || o.RetryDelay > TimeSpan.FromDays(1))
        {
            Fail($"RetryDelay must be between 0 and a day, was {o.RetryDelay}.");
        }

        if (o.MaxRetryDelay < o.RetryDelay || o.MaxRetryDelay > TimeSpan.FromDays(1))
        {
            Fail($"MaxRetryDelay must be between RetryDelay ({o.RetryDelay}) and a day, was {o.MaxRetryDelay}.");
        }

        if (o.Retention < AsyncInvocationOptions.MIN_RETENTION)
        {
            Fail($"Retention must be at least {AsyncInvocationOptions.MIN_RETENTION.TotalSeconds:0} s, was {o.Retention}.");
        }
    }

    private static void Fail(string message) => throw new OrleansConfigurationException($"Invalid {nameof(AsyncInvocationOptions)}: {message}");
}
