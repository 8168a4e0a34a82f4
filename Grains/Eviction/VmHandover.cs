using System.Diagnostics;
using HarvestOrleans.Cluster;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Eviction;

/// <summary>
/// The first step of a notice, while this VM still takes work: its warm functions, the hottest here first and within
/// the budget (<see cref="NoticeHandover"/>), are warmed by their FunctionGrains on the VMs that take over their share.
/// It waits until those loads end or the handover's bound passes, whichever is first; then the VM drains.
/// </summary>
public sealed partial class VmHandover(
    VmIdentity vm,
    FunctionInvoker invoker,
    WarmPool instances,
    IGrainFactory grains,
    IOptions<EvictionOptions> options,
    TimeProvider time,
    ILogger<VmHandover> logger)
{
    public async Task<HandoverSummary> RunAsync(DateTimeOffset deadline)
    {
        var settings = options.Value.ToHandoverSettings();
        var now = time.GetUtcNow();
        var wait = NoticeHandover.Wait(deadline == DateTimeOffset.MaxValue ? TimeSpan.MaxValue : deadline - now, settings);
        if (wait <= TimeSpan.Zero)
        {
            return new HandoverSummary();
        }

        var functions = NoticeHandover.Select(invoker.RecentRates(instances.WarmFunctions), settings.Functions);
        if (functions.Count == 0)
        {
            return new HandoverSummary();
        }

        var started = Stopwatch.GetTimestamp();
        var until = now + wait;
        var takeovers = functions.Select(f => TakeOverAsync(f, settings.TargetsPerFunction, until)).ToArray();
        try
        {
            await Task.WhenAll(takeovers).WaitAsync(wait, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The bound passed: the VM drains now; loads still under way finish on their VMs.
        }

        var outcomes = takeovers.Where(t => t.IsCompletedSuccessfully).SelectMany(t => t.Result).ToArray();
        var summary = HandoverSummary.Of(functions, outcomes, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        LogHandedOver(vm.VmId, functions.Count, summary.Warmed, summary.Skipped, summary.WaitedMs);
        return summary;
    }

    private async Task<PreWarmOutcome[]> TakeOverAsync(string function, int targets, DateTimeOffset until)
    {
        try
        {
            return await grains.GetGrain<IFunctionGrain>(function).PrepareTakeoverAsync(vm.VmId, targets, until).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogTakeoverFailed(vm.VmId, function, ex);
            return [PreWarmOutcome.Failed];
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "VM {VmId} handed over {Functions} function(s) before draining: {Warmed} pre-warm(s) loaded, {Skipped} not needed or not done, in {WaitedMs:0} ms")]
    private partial void LogHandedOver(string vmId, int functions, int warmed, int skipped, double waitedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VM {VmId}: warming {Function} elsewhere before the drain failed")]
    private partial void LogTakeoverFailed(string vmId, string function, Exception exception);
}
