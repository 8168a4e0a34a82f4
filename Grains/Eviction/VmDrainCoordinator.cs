using HarvestOrleans.Cluster;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Invocation;
using HarvestOrleans.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Eviction;

/// <summary>
/// Drains this silo's VM after an eviction notice: the invoker already admits nothing new; grain activations move to
/// surviving silos carrying their in-memory state; running invocations may finish until the deadline, and any still
/// running then end as Evicted; the VM is marked Evicted, notice acknowledgements run, and the silo shuts down.
/// A drain without a deadline (an operator's drain) only stops new work.
/// </summary>
public sealed partial class VmDrainCoordinator(
    VmIdentity vm,
    FunctionInvoker invoker,
    LocalGrainRegistry local,
    ClusterViewCache cluster,
    IGrainFactory grains,
    ISiloShutdown shutdown,
    IOptions<EvictionOptions> options,
    TimeProvider time,
    ILogger<VmDrainCoordinator> logger)
{
    private readonly List<Func<Task>> _acknowledgements = [];
    private Task? _drain;

    /// <summary>The drain under way, if any (for tests and the harvest monitor).</summary>
    public Task? Drain => _drain;

    /// <summary>Runs <paramref name="acknowledge"/> once the drain completes, before the silo stops (e.g. a Scheduled Events ack).</summary>
    public void OnDrained(Func<Task> acknowledge)
    {
        lock (_acknowledgements)
        {
            _acknowledgements.Add(acknowledge);
        }
    }

    public void Start(EvictionEvent evt)
    {
        if (evt.VmId != vm.VmId || evt.Deadline == DateTimeOffset.MaxValue)
        {
            return;
        }

        lock (_acknowledgements)
        {
            _drain ??= Task.Run(() => DrainAsync(evt));
        }
    }

    private async Task DrainAsync(EvictionEvent evt)
    {
        LogDrainStarted(vm.VmId, evt.Deadline);
        try
        {
            await EvacuateAsync();
            var poll = options.Value.DrainPollInterval;
            while (invoker.Admission.Running > 0 && time.GetUtcNow() < evt.Deadline)
            {
                var left = evt.Deadline - time.GetUtcNow();
                await Task.Delay(left < poll ? left : poll, time);
            }

            var cutOff = invoker.Admission.Running;
            if (cutOff > 0)
            {
                invoker.EvictRunning();
            }

            await EvacuateAsync(); // anything placed here meanwhile
            await grains.GetGrain<IHarvestVmGrain>(vm.VmId).MarkEvictedAsync(cutOff > 0 ? $"evicted at the deadline, {cutOff} invocation(s) cut off" : "drained and evicted");
            await RunAcknowledgementsAsync();
            LogDrainCompleted(vm.VmId, cutOff);
        }
        catch (Exception ex)
        {
            LogDrainFailed(vm.VmId, ex);
        }
        finally
        {
            shutdown.Shutdown($"VM {vm.VmId} evicted");
        }
    }

    private async Task EvacuateAsync()
    {
        await cluster.RefreshAsync();
        var targets = cluster.Snapshot.Vms
            .Where(v => v.State == VmState.Active && v.VmId != vm.VmId)
            .Select(v => v.SiloAddress)
            .ToArray();
        if (targets.Length == 0)
        {
            LogNowhereToGo(vm.VmId);
            return;
        }

        var moves = local.Evacuating.Select((grain, i) => MoveAsync(grain, targets[i % targets.Length]));
        await Task.WhenAll(moves);
    }

    private async Task MoveAsync(IEvacuatingGrain grain, string target)
    {
        try
        {
            await grain.EvacuateAsync(target);
        }
        catch (Exception ex)
        {
            LogEvacuationFailed(grain.GetGrainId().ToString(), ex);
        }
    }

    private async Task RunAcknowledgementsAsync()
    {
        Func<Task>[] acks;
        lock (_acknowledgements)
        {
            acks = [.. _acknowledgements];
        }

        foreach (var ack in acks)
        {
            try
            {
                await ack();
            }
            catch (Exception ex)
            {
                LogAcknowledgementFailed(vm.VmId, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "VM {VmId} drains until {Deadline}")]
    private partial void LogDrainStarted(string vmId, DateTimeOffset deadline);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VM {VmId} drained ({CutOff} invocation(s) cut off at the deadline); shutting the silo down")]
    private partial void LogDrainCompleted(string vmId, int cutOff);

    [LoggerMessage(Level = LogLevel.Error, Message = "Draining VM {VmId} failed; shutting the silo down anyway")]
    private partial void LogDrainFailed(string vmId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VM {VmId} drains but no other active VM can take its grains")]
    private partial void LogNowhereToGo(string vmId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not evacuate {Grain}")]
    private partial void LogEvacuationFailed(string grain, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Acknowledging the eviction of VM {VmId} failed")]
    private partial void LogAcknowledgementFailed(string vmId, Exception exception);
}
