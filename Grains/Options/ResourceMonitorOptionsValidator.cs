using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Options;

internal sealed class ResourceMonitorOptionsValidator(IOptions<ResourceMonitorOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var o = options.Value;
        if (!(o.MinimumActiveCores >= 0))
        {
            Fail($"MinimumActiveCores must not be negative, was {o.MinimumActiveCores}.");
        }

        if (o.CheckInterval < ResourceMonitorOptions.MIN_CHECK_INTERVAL)
        {
            Fail($"CheckInterval must be at least {ResourceMonitorOptions.MIN_CHECK_INTERVAL.TotalMilliseconds:0} ms, was {o.CheckInterval}.");
        }

        if (o.ProvisionGrace < TimeSpan.Zero || o.StartupGrace < TimeSpan.Zero)
        {
            Fail($"ProvisionGrace and StartupGrace must not be negative, were {o.ProvisionGrace} and {o.StartupGrace}.");
        }

        if (o.HistoryLength < 1)
        {
            Fail($"HistoryLength must be at least 1, was {o.HistoryLength}.");
        }
    }

    private static void Fail(string message) =>
        throw new OrleansConfigurationException($"Invalid {nameof(ResourceMonitorOptions)} ({ResourceMonitorOptions.SectionName}): {message}");
}
