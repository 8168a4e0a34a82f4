using HarvestOrleans.Functions;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.Grains.Invoker;

/// <summary>How an admitted invocation ended: its status, its output when it succeeded, its error otherwise.</summary>
internal readonly record struct InvocationOutcome(InvocationStatus Status, byte[]? Output, InvocationError? Error)
{
    public static InvocationOutcome Succeeded(byte[] output) => new(InvocationStatus.Succeeded, output, null);

    public static InvocationOutcome Of(InvocationStatus status, string errorType, string message) => new(status, null, new InvocationError(errorType, message));
}

/// <summary>Where an admitted invocation's time went.</summary>
internal readonly record struct InvocationTimings(double QueueWaitMs, double InitMs, double ExecutionMs, bool ColdStart);

/// <summary>What an admitted invocation's work measurably used on its scheduler (see <see cref="InvocationScheduler"/>).</summary>
internal readonly record struct InvocationUsage(double CpuSeconds, long AllocatedBytes, double PeakCores);

/// <summary>
/// Turns every way an invocation can end on this VM into its <see cref="InvocationRecord"/>: turned away before it ran
/// (rejected, not found), or ran with an outcome and timings.
/// </summary>
internal static class InvocationRecordBuilder
{
    public static string NotFoundMessage(string function, string? version) => version is null
        ? $"Function '{function}' is not registered."
        : $"Function '{function}' has no version '{version}'.";

    /// <summary>Turned away before it ran; the caller may retry it elsewhere, depending on <paramref name="type"/>.</summary>
    public static InvocationRecord Rejected(InvocationRequest request, string vmId, string type, string message) =>
        InvocationRecord.Fail(request.InvocationId, request.Function, request.Version, InvocationStatus.Rejected, type, message, vmId) with
        {
            Attempts = request.Attempt,
            Overload = request.Overload,
        };

    /// <summary>The function (or its requested version) is not in this VM's catalog.</summary>
    public static InvocationRecord NotFound(InvocationRequest request, string vmId) =>
        InvocationRecord.Fail(request.InvocationId, request.Function, request.Version, InvocationStatus.NotFound,
            InvocationErrorTypes.FunctionNotFound, NotFoundMessage(request.Function, request.Version), vmId);

    /// <summary>An admitted invocation of <paramref name="spec"/> given its configuration (<c>Fixed</c>) that ran (or tried to) and ended with <paramref name="outcome"/>.</summary>
    public static InvocationRecord Finished(InvocationRequest request, FunctionSpec spec, string vmId, InvocationOutcome outcome, InvocationTimings timings, InvocationUsage usage, string[] logs) =>
        Finished(request, spec, vmId, outcome, timings, usage, ResourceGrant.AsConfigured(spec.Cores, spec.MemoryMb), logs);

    /// <summary>An admitted invocation of <paramref name="spec"/> given <paramref name="grant"/> that ran (or tried to) and ended with <paramref name="outcome"/>.</summary>
    public static InvocationRecord Finished(InvocationRequest request, FunctionSpec spec, string vmId, InvocationOutcome outcome, InvocationTimings timings, InvocationUsage usage, ResourceGrant grant, string[] logs) => new()
    {
        Id = request.InvocationId,
        Function = spec.Name,
        Version = spec.Version,
        Status = outcome.Status,
        Output = outcome.Output,
        Error = outcome.Error,
        VmId = vmId,
        QueueWaitMs = timings.QueueWaitMs,
        InitMs = timings.InitMs,
        ExecutionMs = Math.Max(0, timings.ExecutionMs),
        ColdStart = timings.ColdStart,
        CpuSeconds = usage.CpuSeconds,
        AverageCores = timings.ExecutionMs > 0 ? usage.CpuSeconds / (timings.ExecutionMs / 1000) : 0,
        AllocatedBytes = usage.AllocatedBytes,
        PeakCores = usage.PeakCores,
        ConfiguredCores = grant.Configured.Cores,
        AllocatedCores = grant.Cores,
        AllottedCores = FunctionExecutor.AllottedCores(grant.Cores),
        ConfiguredMemoryMb = grant.Configured.MemoryMb,
        AllocatedMemoryMb = grant.MemoryMb,
        ResourcePolicy = grant.Policy,
        ResourceReason = grant.Decision.Reason.ToString(),
        Attempts = request.Attempt,
        Overload = request.Overload,
        Logs = logs,
        CompletedAt = DateTimeOffset.UtcNow,
    };
}
