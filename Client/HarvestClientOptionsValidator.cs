using Microsoft.Extensions.Options;

namespace HarvestOrleans.Client;

internal sealed class HarvestClientOptionsValidator : IValidateOptions<HarvestClientOptions>
{
    public ValidateOptionsResult Validate(string? name, HarvestClientOptions options)
    {
        var errors = new List<string>();
        if (options.MaxPayloadBytes <= 0)
        {
            errors.Add($"MaxPayloadBytes must be positive, was {options.MaxPayloadBytes}.");
        }

        if (options.MaxRoutingAttempts < 1)
        {
            errors.Add($"MaxRoutingAttempts must be at least 1, was {options.MaxRoutingAttempts}.");
        }

        if (options.MaxExecutionAttempts < 1)
        {
            errors.Add($"MaxExecutionAttempts must be at least 1, was {options.MaxExecutionAttempts}.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero)
        {
            errors.Add($"RetryBaseDelay must not be negative, was {options.RetryBaseDelay}.");
        }

        if (options.ResponseGrace < TimeSpan.Zero)
        {
            errors.Add($"ResponseGrace must not be negative, was {options.ResponseGrace}.");
        }

        if (options.WorkerWatchInterval < HarvestClientOptions.MIN_WORKER_WATCH_INTERVAL)
        {
            errors.Add($"WorkerWatchInterval must be at least {HarvestClientOptions.MIN_WORKER_WATCH_INTERVAL.TotalMilliseconds:0} ms, was {options.WorkerWatchInterval}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Select(e => $"Invalid {nameof(HarvestClientOptions)}: {e}"));
    }
}
