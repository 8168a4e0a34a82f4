using HarvestOrleans.Policies;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Options;

internal sealed class WarmPoolOptionsValidator(IOptions<WarmPoolOptions> options, KeepAlivePolicies policies) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var o = options.Value;
        if (!policies.Contains(o.Policy))
        {
            Fail($"Policy must be one of {string.Join(", ", policies.Names)}, was '{o.Policy}'.");
        }

        if (o.KeepAlive < TimeSpan.Zero)
        {
            Fail($"KeepAlive must not be negative, was {o.KeepAlive}.");
        }

        if (o.SweepInterval < WarmPoolOptions.MIN_SWEEP_INTERVAL)
        {
            Fail($"SweepInterval must be at least {WarmPoolOptions.MIN_SWEEP_INTERVAL.TotalMilliseconds:0} ms, was {o.SweepInterval}.");
        }

        if (o.HistogramBinWidth <= TimeSpan.Zero || o.HistogramBins < 1 || o.HistogramMinSamples < 1)
        {
            Fail("HistogramBinWidth, HistogramBins and HistogramMinSamples must be positive.");
        }
    }

    private static void Fail(string message) => throw new OrleansConfigurationException($"Invalid {nameof(WarmPoolOptions)}: {message}");
}
