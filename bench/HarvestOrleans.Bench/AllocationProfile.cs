using System.Diagnostics.Tracing;

namespace HarvestOrleans.Bench;

/// <summary>
/// Which types a window allocates, from the runtime's sampled allocation events (one event per ~100 KB allocated,
/// naming the type that crossed the mark, so a type's share of the samples is its share of the bytes). In process, so
/// a benchmark can print where a call's bytes go beside its figures; listening costs a little, so only in a pass of
/// its own.
/// </summary>
internal sealed class AllocationProfile : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int AllocationTickEvent = 10;

    private readonly Dictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private volatile bool _counting;

    /// <summary>
    /// One closed-loop run of <paramref name="call"/> at <paramref name="callers"/> with its measured window's
    /// allocations sampled by type: the run, and each type's share of its bytes.
    /// </summary>
    public static async Task<(LoadRun.Result Run, IReadOnlyList<(string Type, double Share)> Types)> SampleAsync(
        string name, int callers, TimeSpan warmup, TimeSpan duration, Func<int, Task<bool>> call)
    {
        using var allocations = new AllocationProfile();
        var run = await LoadRun.RunAsync(name, callers, warmup, duration, call, onMeasuring: allocations.Start);
        return (run, allocations.Stop());
    }

    /// <summary>Starts counting (events before this are ignored).</summary>
    public void Start() => _counting = true;

    /// <summary>Stops counting and returns each type's share of the sampled bytes, largest first.</summary>
    public IReadOnlyList<(string Type, double Share)> Stop()
    {
        _counting = false;
        lock (_gate)
        {
            var total = Math.Max(1, _bytesByType.Values.Sum());
            return [.. _bytesByType.OrderByDescending(p => p.Value).Select(p => (p.Key, (double)p.Value / total))];
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == RuntimeSource)
        {
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_counting || e.EventId != AllocationTickEvent || e.Payload is null || e.PayloadNames is null)
        {
            return;
        }

        var type = e.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var bytes = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a]) : 100_000;
        lock (_gate)
        {
            _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + bytes;
        }
    }
}
