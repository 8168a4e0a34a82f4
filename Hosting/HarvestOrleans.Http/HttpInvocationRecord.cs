using System.Text.Json;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.Http;

/// <summary>
/// An invocation record as the HTTP API returns it: the function's output inline as JSON when it is JSON, else base64.
/// The measured usage (<see cref="InvocationRecord.CpuSeconds"/>, <see cref="InvocationRecord.AverageCores"/>,
/// <see cref="InvocationRecord.AllocatedBytes"/>, <see cref="InvocationRecord.PeakCores"/>), the resources configured and
/// allocated (<see cref="InvocationRecord.ConfiguredCores"/> and the rest) and the plan's age
/// (<see cref="InvocationRecord.PlanAgeMs"/>) are as in the record.
/// </summary>
public sealed record HttpInvocationRecord(
    Guid Id,
    string Function,
    string? Version,
    InvocationStatus Status,
    JsonElement? Output,
    string? OutputBase64,
    InvocationError? Error,
    string? VmId,
    double QueueWaitMs,
    double InitMs,
    double ExecutionMs,
    bool ColdStart,
    int Attempts,
    string[] Logs,
    DateTimeOffset CompletedAt,
    double LatencyMs,
    double CpuSeconds,
    double AverageCores,
    long AllocatedBytes,
    double ConfiguredCores = 0,
    double AllocatedCores = 0,
    int AllottedCores = 0,
    double ConfiguredMemoryMb = 0,
    double AllocatedMemoryMb = 0,
    string? ResourcePolicy = null,
    string? ResourceReason = null,
    double PeakCores = 0,
    double PlanAgeMs = 0)
{
    /// <summary>The HTTP form of <paramref name="r"/>: JSON output inline, other output as base64.</summary>
    public static HttpInvocationRecord From(InvocationRecord r)
    {
        var (json, base64) = SplitOutput(r.Output);
        return new(r.Id, r.Function, r.Version, r.Status, json, base64, r.Error, r.VmId, r.QueueWaitMs, r.InitMs,
            r.ExecutionMs, r.ColdStart, r.Attempts, r.Logs, r.CompletedAt, r.LatencyMs, r.CpuSeconds, r.AverageCores, r.AllocatedBytes,
            r.ConfiguredCores, r.AllocatedCores, r.AllottedCores, r.ConfiguredMemoryMb, r.AllocatedMemoryMb, r.ResourcePolicy, r.ResourceReason,
            r.PeakCores, r.PlanAgeMs);
    }

    private static (JsonElement?, string?) SplitOutput(byte[]? output)
    {
        if (output is null || output.Length == 0)
        {
            return (null, null);
        }

        try
        {
            // One document of its own, not a pooled one cloned: the element outlives this call in the response.
            return (JsonElement.Parse(output), null);
        }
        catch (JsonException)
        {
            return (null, Convert.ToBase64String(output));
        }
    }
}

/// <summary>An async invocation as the HTTP API returns it.</summary>
public sealed record HttpAsyncInvocation(Guid Id, AsyncInvocationState State, string? Function, DateTimeOffset AcceptedAt, string? AcceptedBy, int Dispatches, string Location, HttpInvocationRecord? Record)
{
    /// <summary>The HTTP form of <paramref name="a"/>, with the URL to poll.</summary>
    public static HttpAsyncInvocation From(AsyncInvocation a) => new(
        a.Id, a.State, a.Function, a.AcceptedAt, a.AcceptedBy, a.Dispatches, $"/api/invocations/{a.Id}", a.Record is null ? null : HttpInvocationRecord.From(a.Record));
}
