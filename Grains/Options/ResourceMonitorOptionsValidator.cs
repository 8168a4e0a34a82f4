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

        if (o.CheckInterval < TimeSpan.FromMilliseconds(50) || o.ProvisionGrace < TimeSpan.Zero || o.HistoryLength < 1)
        {
            Fail("CheckInterval must be at least 50 ms, ProvisionGrace must not be negative and HistoryLength must be at least 1.");
        }
    }

    private static void Fail(string message) =>
        throw new OrleansConfigurationException($"Invalid {nameof(ResourceMonitorOptions)} ({ResourceMonitorOptions.SectionName}): {message}");
}
