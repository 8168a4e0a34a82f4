using System.Diagnostics;
using HarvestOrleans.Cluster;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Cluster;

/// <summary>
/// The step before this VM registers (<see cref="JoinWarmup"/>): the cluster's hottest functions are asked whether
/// their plans, with this VM counted in, send work here; those that do are warmed here. It waits until those loads end
/// or the bound passes, whichever is first; then the VM registers and the balancer counts it in.
/// </summary>
public sealed partial class VmJoinWarmup(
    VmIdentity vm,
    FunctionInvoker invoker,
    IGrainFactory grains,
    IOptions<EvictionOptions> options,
    TimeProvider time,
    ILogger<VmJoinWarmup> logger)
{
    /// <summary>Warms what this VM will serve; never throws (a warm-up that fails only costs the warm starts it would have given).</summary>
    public async Task<HandoverSummary> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.ToJoinSettings();
        var wait = JoinWarmup.Wait(settings);
        if (wait <= TimeSpan.Zero)
        {
            return new HandoverSummary();
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(wait);
            var until = time.GetUtcNow() + wait;
            var cluster = await grains.GetGrain<IClusterRegistryGrain>(IClusterRegistryGrain.Key).GetSnapshotAsync().WaitAsync(bound.Token).ConfigureAwait(false);
            var candidates = JoinWarmup.Candidates(
                cluster.Functions.Where(f => f.Registered).Select(f => KeyValuePair.Create(f.Function, f.KeepAliveRps)),
                settings);
            if (candidates.Count == 0)
            {
                return new HandoverSummary(); // a new cluster, or nothing called within the keep-alive: nothing to warm
            }

            var registration = vm.Registration;
            var serves = await Task.WhenAll(candidates.Select(f => ServesAsync(f, registration))).WaitAsync(bound.Token).ConfigureAwait(false);
            var functions = JoinWarmup.ToWarm(candidates.Zip(serves), settings);
            var warmups = functions.Select(f => invoker.PreWarmAsync(f, until)).ToArray();
            try
            {
                await Task.WhenAll(warmups).WaitAsync(bound.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The bound passed: the VM registers now; loads still under way finish here.
            }

            var outcomes = warmups.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).ToArray();
            var summary = HandoverSummary.Of(functions, outcomes, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            LogWarmedUp(vm.VmId, candidates.Count, functions.Count, summary.Warmed, summary.Skipped, summary.WaitedMs);
            return summary;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogWarmupFailed(vm.VmId, ex);
            return new HandoverSummary { WaitedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds };
        }
    }

    /// <summary>Whether the function's plan sends work here; false when asking failed (it is then not warmed).</summary>
    private async Task<bool> ServesAsync(string function, VmRegistration registration)
    {
        try
        {
            return await grains.GetGrain<IFunctionGrain>(function).ServesJoinerAsync(registration).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogAskFailed(vm.VmId, function, ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "VM {VmId} warmed up before joining: of {Asked} function(s) called lately, {Served} run here; {Warmed} loaded, {Skipped} not needed or not done, in {WaitedMs:0} ms")]
    private partial void LogWarmedUp(string vmId, int asked, int served, int warmed, int skipped, double waitedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VM {VmId}: asking {Function} whether it will run here failed; it is not warmed before the VM joins")]
    private partial void LogAskFailed(string vmId, string function, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VM {VmId}: the warm-up before joining failed; it joins cold")]
    private partial void LogWarmupFailed(string vmId, Exception exception);
}
