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

        if (o.PollInterval < TimeSpan.FromMilliseconds(10) || o.DefaultNotice <= TimeSpan.Zero)
        {
            Fail("PollInterval must be at least 10 ms and DefaultNotice positive.");
        }

        if (o.ScheduledEvents && !o.ScheduledEventsEndpoint.IsAbsoluteUri)
        {
            Fail($"ScheduledEventsEndpoint must be an absolute URI, was '{o.ScheduledEventsEndpoint}'.");
        }
    }

    private static void Fail(string message) =>
        throw new OrleansConfigurationException($"Invalid {nameof(HarvestMonitorOptions)} ({HarvestMonitorOptions.SectionName}): {message}");
}
