using HarvestOrleans.Policies;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Options;

internal sealed class EvictionOptionsValidator(IOptions<EvictionOptions> options, EvictionPolicies policies) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var o = options.Value;
        if (!policies.Contains(o.Policy))
        {
            Fail($"Policy '{o.Policy}' is unknown; use one of {string.Join(", ", policies.Names)}.");
        }

        if (o.LongThreshold <= TimeSpan.Zero)
        {
            Fail($"LongThreshold must be positive, was {o.LongThreshold}.");
        }

        if (!(o.FailureRateTarget >= 0 && o.FailureRateTarget <= 1))
        {
            Fail($"FailureRateTarget must be in [0, 1], was {o.FailureRateTarget}.");
        }

        if (o.DrainPollInterval < EvictionOptions.MIN_DRAIN_POLL_INTERVAL)
        {
            Fail($"DrainPollInterval must be at least {EvictionOptions.MIN_DRAIN_POLL_INTERVAL.TotalMilliseconds:0} ms, was {o.DrainPollInterval}.");
        }

        if (o.EvictedVmRetention < EvictionOptions.MIN_EVICTED_VM_RETENTION)
        {
            Fail($"EvictedVmRetention must be at least {EvictionOptions.MIN_EVICTED_VM_RETENTION.TotalSeconds:0} s, was {o.EvictedVmRetention}.");
        }

        if (o.EntityHomeCheckInterval < EvictionOptions.MIN_ENTITY_HOME_CHECK_INTERVAL)
        {
            Fail($"EntityHomeCheckInterval must be at least {EvictionOptions.MIN_ENTITY_HOME_CHECK_INTERVAL.TotalMilliseconds:0} ms, was {o.EntityHomeCheckInterval}.");
        }

        if (o.PreWarmFunctions is < 0 or > 1000)
        {
            Fail($"PreWarmFunctions must be in [0, 1000], was {o.PreWarmFunctions}.");
        }

        if (o.PreWarmTargetsPerFunction is < 1 or > 64)
        {
            Fail($"PreWarmTargetsPerFunction must be in [1, 64], was {o.PreWarmTargetsPerFunction}.");
        }

        if (o.PreWarmMaxWait <= TimeSpan.Zero || o.PreWarmMaxWait > EvictionOptions.MAX_PRE_WARM_WAIT)
        {
            Fail($"PreWarmMaxWait must be in (0, {EvictionOptions.MAX_PRE_WARM_WAIT.TotalSeconds:0} s], was {o.PreWarmMaxWait}.");
        }
    }

    private static void Fail(string message) =>
        throw new OrleansConfigurationException($"Invalid {nameof(EvictionOptions)} ({EvictionOptions.SectionName}): {message}");
}
