using Microsoft.Extensions.Options;

namespace HarvestOrleans.Http;

internal sealed class HttpTriggerOptionsValidator : IValidateOptions<HttpTriggerOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpTriggerOptions o)
    {
        var errors = new List<string>();
        if (o.Port is < 0 or > 65535)
        {
            errors.Add($"Port must be 0–65535, was {o.Port}.");
        }

        if (o.MaxConcurrentInvocations < 1 || o.MaxQueuedInvocations < 0)
        {
            errors.Add("MaxConcurrentInvocations must be at least 1 and MaxQueuedInvocations not negative.");
        }

        if (o.HistoryInterval < HttpTriggerOptions.MIN_HISTORY_INTERVAL || o.HistoryLength < 1)
        {
            errors.Add($"HistoryInterval must be at least {HttpTriggerOptions.MIN_HISTORY_INTERVAL.TotalMilliseconds:0} ms and HistoryLength at least 1.");
        }

        for (var i = 0; i < o.ApiKeys.Count; i++)
        {
            var key = o.ApiKeys[i];
            if (key.Key.Length < HttpTriggerOptions.MIN_API_KEY_LENGTH)
            {
                errors.Add($"ApiKeys[{i}] ({key.Name}): a key must be at least {HttpTriggerOptions.MIN_API_KEY_LENGTH} characters.");
            }

            if (key.Namespaces.Count == 0 && !key.Admin)
            {
                errors.Add($"ApiKeys[{i}] ({key.Name}): give it Namespaces (or \"*\"), or make it Admin.");
            }
        }

        if (o.ApiKeys.Select(k => k.Key).Distinct(StringComparer.Ordinal).Count() != o.ApiKeys.Count)
        {
            errors.Add("ApiKeys contains the same key twice.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
