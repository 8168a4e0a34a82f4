using HarvestOrleans.Policies;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Options;

internal sealed class EvictionOptionsValidator(IOptions<EvictionOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var o = options.Value;
        if (!EvictionPolicyFactory.IsKnown(o.Policy))
        {
            Fail($"Policy '{o.Policy}' is unknown; use one of {string.Join(", ", EvictionPolicyNames.All)}.");
        }

        if (o.LongThreshold <= TimeSpan.Zero)
        {
            Fail($"LongThreshold must be positive, was {o.LongThreshold}.");
        }

        if (!(o.FailureRateTarget >= 0 && o.FailureRateTarget <= 1))
        {
            Fail($"FailureRateTarget must be in [0, 1], was {o.FailureRateTarget}.");
        }

        if (o.DrainPollInterval < TimeSpan.FromMilliseconds(10))
        {
            Fail($"DrainPollInterval must be at least 10 ms, was {o.DrainPollInterval}.");
        }

        if (o.EvictedVmRetention < TimeSpan.FromSeconds(1))
        {
            Fail($"EvictedVmRetention must be at least 1 s, was {o.EvictedVmRetention}.");
        }
    }

    private static void Fail(string message) =>
        throw new OrleansConfigurationException($"Invalid {nameof(EvictionOptions)} ({EvictionOptions.SectionName}): {message}");
}
