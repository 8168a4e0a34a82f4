using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Options;

internal sealed class InvokerOptionsValidator(IOptions<InvokerOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var o = options.Value;
        if (o.QueueCapacity < 0)
        {
            Fail($"QueueCapacity must not be negative, was {o.QueueCapacity}.");
        }

        if (o.MaxQueueWait <= TimeSpan.Zero)
        {
            Fail($"MaxQueueWait must be positive, was {o.MaxQueueWait}.");
        }

        if (o.MaxPayloadBytes <= 0)
        {
            Fail($"MaxPayloadBytes must be positive, was {o.MaxPayloadBytes}.");
        }

        if (o.LoadReportInterval < InvokerOptions.MIN_LOAD_REPORT_INTERVAL)
        {
            Fail($"LoadReportInterval must be at least 10 ms, was {o.LoadReportInterval}.");
        }

        if (o.PeakWindowReports < 1)
        {
            Fail($"PeakWindowReports must be at least 1, was {o.PeakWindowReports}.");
        }

        if (o.MaxLogLines < 0)
        {
            Fail($"MaxLogLines must not be negative, was {o.MaxLogLines}.");
        }
    }

    private static void Fail(string message) =>
        throw new OrleansConfigurationException($"Invalid {nameof(InvokerOptions)} ({InvokerOptions.SectionName}): {message}");
}
