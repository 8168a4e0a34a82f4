using HarvestOrleans.Grains.Options;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace HarvestOrleans.Grains.Harvest;

/// <summary>
/// Polls Azure Instance Metadata Scheduled Events and turns a <c>Preempt</c> or <c>Terminate</c> event for this VM into
/// an eviction notice whose deadline is the event's <c>NotBefore</c>; acknowledging POSTs <c>StartRequests</c> for it.
/// Each event id is signalled once, and again if Azure brings its <c>NotBefore</c> forward (the drain's deadline then
/// moves with it). Only the ids of the current document are remembered.
/// </summary>
public sealed class ScheduledEventsSource(HttpClient http, Uri endpoint, string vmName, TimeSpan pollInterval, TimeSpan defaultNotice, TimeProvider time)
    : IHarvestSource
{
    public static Uri DefaultEndpoint => HarvestMonitorOptions.DEFAULT_SCHEDULED_EVENTS_ENDPOINT;

    private static readonly string[] EvictionKinds = ["Preempt", "Terminate"];

    public string Name => "scheduled-events";

    public async IAsyncEnumerable<HarvestSignal> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var signalled = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal); // id → the NotBefore signalled
        while (!cancellationToken.IsCancellationRequested)
        {
            var document = await FetchAsync(cancellationToken);
            foreach (var e in document?.Events ?? [])
            {
                if (e.EventId is not { } id || !EvictionKinds.Contains(e.EventType) || !AppliesToThisVm(e))
                {
                    continue;
                }

                var notBefore = signalled.TryGetValue(id, out var before) && !HasNotBefore(e) ? before : NotBefore(e);
                if (!signalled.ContainsKey(id) || notBefore < before)
                {
                    signalled[id] = notBefore;
                    yield return new EvictionNotice(id, e.EventType!, notBefore, ct => AcknowledgeAsync(id, ct));
                }
            }

            if (document?.Events is { } events)
            {
                // An event Azure no longer lists is over: forget it (were it listed again, the VM grain keeps the earlier deadline).
                var listed = events.Select(e => e.EventId).OfType<string>().ToHashSet(StringComparer.Ordinal);
                foreach (var gone in signalled.Keys.Where(id => !listed.Contains(id)).ToArray())
                {
                    signalled.Remove(gone);
                }
            }

            await Task.Delay(pollInterval, time, cancellationToken);
        }
    }

    private async Task<ScheduledEventsDocument?> FetchAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.Add("Metadata", "true");
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<ScheduledEventsDocument>(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null; // the endpoint is unreachable or answered nonsense this time: poll again
        }
    }

    private async Task AcknowledgeAsync(string eventId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = JsonContent.Create(new StartRequestsDocument([new StartRequest(eventId)])),
        };
        request.Headers.Add("Metadata", "true");
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private bool AppliesToThisVm(ScheduledEvent e) =>
        e.Resources is not { Length: > 0 } resources || resources.Contains(vmName, StringComparer.OrdinalIgnoreCase);

    private static bool HasNotBefore(ScheduledEvent e) =>
        DateTimeOffset.TryParse(e.NotBefore, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    private DateTimeOffset NotBefore(ScheduledEvent e) =>
        DateTimeOffset.TryParse(e.NotBefore, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : time.GetUtcNow() + defaultNotice;

    internal sealed record ScheduledEventsDocument(int DocumentIncarnation, ScheduledEvent[]? Events);

    internal sealed record ScheduledEvent(
        string? EventId,
        string? EventType,
        string? ResourceType,
        string[]? Resources,
        string? EventStatus,
        string? NotBefore,
        string? Description,
        string? EventSource,
        int? DurationInSeconds);

    internal sealed record StartRequestsDocument([property: JsonPropertyName("StartRequests")] StartRequest[] StartRequests);

    internal sealed record StartRequest([property: JsonPropertyName("EventId")] string EventId);
}
