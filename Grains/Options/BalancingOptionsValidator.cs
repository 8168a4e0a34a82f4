using HarvestOrleans.Policies;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Options;

internal sealed class BalancingOptionsValidator(IOptions<BalancingOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var o = options.Value;
        if (!BalancingPolicyFactory.IsKnown(o.Policy))
        {
            Fail($"Policy '{o.Policy}' is unknown; use one of {string.Join(", ", BalancingPolicyNames.All)}.");
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

        if (o.RateWindow < TimeSpan.FromMilliseconds(100))
        {
            Fail($"RateWindow must be at least 100 ms, was {o.RateWindow}.");
        }

        if (o.ExecutionSamples < 1)
        {
            Fail($"ExecutionSamples must be at least 1, was {o.ExecutionSamples}.");
        }

        if (o.ClusterViewRefresh < TimeSpan.FromMilliseconds(10) || o.LeaseTtl < TimeSpan.Zero)
        {
            Fail("ClusterViewRefresh must be at least 10 ms and LeaseTtl must not be negative.");
        }

        if (o.ProfilePublishInterval < TimeSpan.FromMilliseconds(100))
        {
            Fail($"ProfilePublishInterval must be at least 100 ms, was {o.ProfilePublishInterval}.");
        }
    }

    private static void Fail(string message) =>
        throw new OrleansConfigurationException($"Invalid {nameof(BalancingOptions)} ({BalancingOptions.SectionName}): {message}");
}
