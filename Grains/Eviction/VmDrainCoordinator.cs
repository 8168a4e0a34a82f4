using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Grains.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Eviction;

/// <summary>
/// Drains this silo's VM after an eviction notice: the invoker already admits nothing new; grain activations move to
/// surviving silos carrying their in-memory state; running invocations, and the invocations this silo is responsible
/// for that run elsewhere (<see cref="InFlightInvocations"/>: async invocations recorded here, sync HTTP requests through
/// its trigger), may finish until the deadline; any still running here then end as Evicted; the VM is marked Evicted,
/// notice acknowledgements run, and the silo shuts down. A drain without a deadline (an operator's drain) only stops new
/// work; a later notice with a deadline drives it to eviction, and a notice with an earlier deadline shortens it.
/// </summary>
public sealed partial class VmDrainCoordinator(
    VmIdentity vm,
    FunctionInvoker invoker,
    InFlightInvocations inFlight,
    LocalGrainRegistry local,
    ClusterViewCache cluster,
    IGrainFactory grains,
    ISiloShutdown shutdown,
    IOptions<EvictionOptions> options,
    TimeProvider time,
    ILogger<VmDrainCoordinator> logger)
{
    private readonly Dictionary<string, Func<Task>> _acknowledgements = new(StringComparer.Ordinal);
    private Task? _drain;
    private DateTimeOffset _deadline = DateTimeOffset.MaxValue;
    private int _waitingFor;

    /// <summary>The drain under way, if any (for tests and the harvest monitor).</summary>
    public Task? Drain => _drain;

    /// <summary>The drain's deadline (the earliest of its notices'); <see cref="DateTimeOffset.MaxValue"/> before a drain starts.</summary>
    public DateTimeOffset Deadline
    {
        get
        {
            lock (_acknowledgements)
            {
                return _deadline;
            }
        }
    }

    /// <summary>How many invocations (running here, or in flight elsewhere for this silo) the drain last waited for.</summary>
    public int WaitingFor => Volatile.Read(ref _waitingFor);

    /// <summary>Runs <paramref name="acknowledge"/> once the drain completes, before the silo stops (e.g. a Scheduled Events ack).</summary>
    public void OnDrained(Func<Task> acknowledge) => OnDrained(Guid.NewGuid().ToString(), acknowledge);

    /// <summary>As above, once per <paramref name="key"/> (a notice signalled again is acknowledged once).</summary>
    public void OnDrained(string key, Func<Task> acknowledge)
    {
        lock (_acknowledgements)
        {
            _acknowledgements.TryAdd(key, acknowledge);
        }
    }

    /// <summary>
    /// Starts the drain for a notice with a deadline concerning this silo's VM; a notice for a drain already under way
    /// can only bring its deadline forward.
    /// </summary>
    public void Start(EvictionEvent evt)
    {
        if (evt.VmId != vm.VmId || evt.Deadline == DateTimeOffset.MaxValue)
        {
            return;
        }

        lock (_acknowledgements)
        {
            if (evt.Deadline < _deadline)
            {
                if (_drain is not null)
                {
                    LogDeadlineShortened(vm.VmId, _deadline, evt.Deadline);
                }

                _deadline = evt.Deadline;
            }

            _drain ??= Task.Run(DrainAsync);
        }
    }

    private async Task DrainAsync()
    {
        LogDrainStarted(vm.VmId, Deadline);
        try
        {
            await EvacuateAsync();
            var poll = options.Value.DrainPollInterval;
            while (time.GetUtcNow() < Deadline)
            {
                var outstanding = Outstanding();
                Volatile.Write(ref _waitingFor, outstanding);
                if (outstanding == 0)
                {
                    break;
                }

                var left = Deadline - time.GetUtcNow(); // read again each time: a later notice may bring it forward
                await Task.Delay(left < poll ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : poll, time);
            }

            Volatile.Write(ref _waitingFor, 0);
            var cutOff = invoker.Admission.Running;
            if (cutOff > 0)
            {
                invoker.EvictRunning();
            }

            var elsewhere = inFlight.Count; // they resume from their stored state on a survivor
            await EvacuateAsync(); // anything placed here meanwhile
            var how = (cutOff, elsewhere) switch
            {
                (0, 0) => "drained and evicted",
                (_, 0) => $"evicted at the deadline, {cutOff} invocation(s) cut off",
                _ => $"evicted at the deadline, {cutOff} invocation(s) cut off, {elsewhere} still waiting on other VMs",
            };
            await grains.GetGrain<IHarvestVmGrain>(vm.VmId).MarkEvictedAsync(how);
            LogDrainCompleted(vm.VmId, cutOff);
        }
        catch (Exception ex)
        {
            LogDrainFailed(vm.VmId, ex);
        }
        finally
        {
            // Whatever failed on the way (a grain call timing out while the cluster churns), the silo stops now: tell
            // the platform it may proceed, or it waits out the notice for nothing.
            await RunAcknowledgementsAsync();
            shutdown.Shutdown($"VM {vm.VmId} evicted");
        }
    }

    /// <summary>What the drain waits for: invocations running here, and those this silo waits on elsewhere.</summary>
    private int Outstanding() => invoker.Admission.Running + inFlight.Count;

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
            acks = [.. _acknowledgements.Values];
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "VM {VmId}: a later notice brings the drain's deadline forward from {From} to {To}")]
    private partial void LogDeadlineShortened(string vmId, DateTimeOffset from, DateTimeOffset to);

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
