using HarvestOrleans.Policies;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Options;

internal sealed class BalancingOptionsValidator(IOptions<BalancingOptions> options, BalancingPolicies policies) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var o = options.Value;
        if (!policies.Contains(o.Policy))
        {
            Fail($"Policy '{o.Policy}' is unknown; use one of {string.Join(", ", policies.Names)}.");
        }

        if (!Enum.IsDefined(o.Mode))
        {
            Fail($"Mode must be one of {string.Join(", ", Enum.GetNames<PolicyMode>())}, was {(int)o.Mode}.");
        }

        if (!(o.UtilisationCap > 0 && o.UtilisationCap <= 1))
        {
            Fail($"UtilisationCap must be in (0, 1], was {o.UtilisationCap}.");
        }

        if (o.ShrinkInterval < TimeSpan.Zero)
        {
            Fail($"ShrinkInterval must not be negative, was {o.ShrinkInterval}.");
        }

        if (o.RingSize < 1)
        {
            Fail($"RingSize must be at least 1, was {o.RingSize}.");
        }

        if (o.RateWindow < BalancingOptions.MIN_RATE_WINDOW)
        {
            Fail($"RateWindow must be at least {BalancingOptions.MIN_RATE_WINDOW.TotalMilliseconds:0} ms, was {o.RateWindow}.");
        }

        if (o.ExecutionSamples < 1)
        {
            Fail($"ExecutionSamples must be at least 1, was {o.ExecutionSamples}.");
        }

        if (o.ClusterViewRefresh < BalancingOptions.MIN_CLUSTER_VIEW_REFRESH)
        {
            Fail($"ClusterViewRefresh must be at least {BalancingOptions.MIN_CLUSTER_VIEW_REFRESH.TotalMilliseconds:0} ms, was {o.ClusterViewRefresh}.");
        }

        if (o.LeaseTtl < TimeSpan.Zero)
        {
            Fail($"LeaseTtl must not be negative, was {o.LeaseTtl}.");
        }

        if (o.ProfilePublishInterval < BalancingOptions.MIN_PROFILE_PUBLISH_INTERVAL)
        {
            Fail($"ProfilePublishInterval must be at least {BalancingOptions.MIN_PROFILE_PUBLISH_INTERVAL.TotalMilliseconds:0} ms, was {o.ProfilePublishInterval}.");
        }
    }

    private static void Fail(string message) =>
        throw new OrleansConfigurationException($"Invalid {nameof(BalancingOptions)} ({BalancingOptions.SectionName}): {message}");
}
