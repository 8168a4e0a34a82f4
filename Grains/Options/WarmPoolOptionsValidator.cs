using HarvestOrleans.Policies;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Options;

internal sealed class WarmPoolOptionsValidator(IOptions<WarmPoolOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var o = options.Value;
        if (!KeepAlivePolicyNames.All.Contains(o.Policy))
        {
            Fail($"Policy must be one of {string.Join(", ", KeepAlivePolicyNames.All)}, was '{o.Policy}'.");
        }

        if (o.KeepAlive < TimeSpan.Zero)
        {
            Fail($"KeepAlive must not be negative, was {o.KeepAlive}.");
        }

        if (o.SweepInterval < TimeSpan.FromMilliseconds(10))
        {
            Fail($"SweepInterval must be at least 10 ms, was {o.SweepInterval}.");
        }

        if (o.HistogramBinWidth <= TimeSpan.Zero || o.HistogramBins < 1 || o.HistogramMinSamples < 1)
        {
            Fail("HistogramBinWidth, HistogramBins and HistogramMinSamples must be positive.");
        }
    }

    private static void Fail(string message) => throw new OrleansConfigurationException($"Invalid {nameof(WarmPoolOptions)}: {message}");
}
