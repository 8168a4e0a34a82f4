using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Options;

internal sealed class HarvestMonitorOptionsValidator(IOptions<HarvestMonitorOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var o = options.Value;
        if (o.CoreSource == CoreSourceKind.Trace && (string.IsNullOrWhiteSpace(o.TracePath) || !File.Exists(o.TracePath)))
        {
            Fail($"CoreSource is Trace but TracePath '{o.TracePath}' is not an existing file.");
        }

        if (!(o.TimeScale > 0))
        {
            Fail($"TimeScale must be positive, was {o.TimeScale}.");
        }

        if (o.PollInterval < HarvestMonitorOptions.MIN_POLL_INTERVAL)
        {
            Fail($"PollInterval must be at least {HarvestMonitorOptions.MIN_POLL_INTERVAL.TotalMilliseconds:0} ms, was {o.PollInterval}.");
        }

        if (o.DefaultNotice <= TimeSpan.Zero)
        {
            Fail($"DefaultNotice must be positive, was {o.DefaultNotice}.");
        }

        if (o.ScheduledEvents && !o.ScheduledEventsEndpoint.IsAbsoluteUri)
        {
            Fail($"ScheduledEventsEndpoint must be an absolute URI, was '{o.ScheduledEventsEndpoint}'.");
        }
    }

    private static void Fail(string message) =>
        throw new OrleansConfigurationException($"Invalid {nameof(HarvestMonitorOptions)} ({HarvestMonitorOptions.SectionName}): {message}");
}
