using HarvestOrleans.Policies;
using HarvestOrleans.Simulation.Engine;
using HarvestOrleans.Simulation.Model;

namespace HarvestOrleans.Simulation;

/// <summary>
/// A notice's handover, by <see cref="NoticeHandover"/>'s rules as the live VmHandover runs them: the VM's hottest
/// warm functions are loaded on the VMs their plan after the drain takes them to, each load using idle cores only
/// (<see cref="NoticeHandover.Admits"/>); the VM takes work until those loads end or the bound passes, then drains.
/// And a join's warm-up, by <see cref="JoinWarmup"/>'s as the live VmJoinWarmup runs them: the cluster's hottest
/// functions whose plans, with the joiner counted in, send work to it are loaded on it before it registers.
/// </summary>
public sealed partial class Simulator
{
    private Dictionary<string, int>? _functionIndex;

    private void StartHandover(SimVm vm)
    {
        var wait = NoticeHandover.Wait(TimeSpan.FromSeconds(vm.Spec.NoticeSeconds), _options.Handover);
        var pending = new List<PendingPreWarm>();
        if (wait > TimeSpan.Zero)
        {
            var untilUs = _nowUs + ToUs(wait.TotalSeconds);
            var view = NoticeHandover.AfterDrain(_view, vm.Id);
            _functionIndex ??= _functions.ToDictionary(f => f.Spec.Name, f => f.Index, StringComparer.Ordinal);
            foreach (var name in NoticeHandover.Select(vm.Rates.Of(vm.WarmNames, NowMs), _options.Handover.Functions))
            {
                var function = _functions[_functionIndex[name]];
                pending.AddRange(NoticeHandover.Targets(PlanNotTaken(function, view), name, vm.Id, _options.Handover.TargetsPerFunction)
                    .Select(target => new PendingPreWarm(vm, _vmById[target], function.Index, untilUs)));
            }
        }

        StartPreWarms(vm, pending);
    }

    private void StartJoinWarmup(SimVm vm)
    {
        var wait = JoinWarmup.Wait(_options.JoinWarmup);
        var pending = new List<PendingPreWarm>();
        if (wait > TimeSpan.Zero)
        {
            var untilUs = _nowUs + ToUs(wait.TotalSeconds);
            var view = JoinWarmup.WithJoiner(_view, JoinWarmup.Joining(vm.Id, vm.CoresMilli / CoreBudget.Milli, vm.Spec.MemoryMb, vm.Spec.IsRegular));
            var rates = _functions.Where(f => f.HasPlanned).Select(f => KeyValuePair.Create(f.Spec.Name, f.Profile.KeepAliveRps(NowMs)));
            _functionIndex ??= _functions.ToDictionary(f => f.Spec.Name, f => f.Index, StringComparer.Ordinal);
            var asked = JoinWarmup.Candidates(rates, _options.JoinWarmup)
                .Select(name => _functions[_functionIndex[name]])
                .Select(f => (f.Spec.Name, JoinWarmup.Serves(PlanNotTaken(f, view), vm.Id)));
            pending.AddRange(JoinWarmup.ToWarm(asked, _options.JoinWarmup)
                .Select(name => new PendingPreWarm(vm, vm, _functionIndex[name], untilUs)));
        }

        StartPreWarms(vm, pending);
    }

    /// <summary>Starts what <paramref name="vm"/>'s notice or join waits for, until their bound; with none, what it waits to do happens now.</summary>
    private void StartPreWarms(SimVm vm, List<PendingPreWarm> pending)
    {
        if (pending.Count == 0)
        {
            PreWarmsOver(vm);
            return;
        }

        vm.HandoverPending = pending.Count;
        Schedule(pending[0].UntilUs, EventKind.HandoverEnd, vm);
        foreach (var preWarm in pending)
        {
            TryPreWarm(preWarm);
        }
    }

    /// <summary>A function's plan on <paramref name="view"/> sizing a copy of its worker set: what a change would do, not taken yet.</summary>
    private RoutePlan PlanNotTaken(SimFunction function, IReadOnlyList<VmView> view) =>
        FunctionPlanner.Plan(function.Planned, function.Profile, function.WorkerSet.Copy(), view, _balancing, _options.Balancing, _eviction, _options.Eviction, NowMs);

    private void OnHandoverEnd(SimVm vm)
    {
        if (vm.HandoverPending >= 0)
        {
            PreWarmsOver(vm); // the bound passed: loads still under way finish on their VMs
        }
    }

    /// <summary>What a VM waited on its pre-warms for happens: a notice's drain, or a join's registration.</summary>
    private void PreWarmsOver(SimVm vm)
    {
        if (vm.Life == VmLife.Joining)
        {
            Activate(vm);
        }
        else
        {
            Drain(vm);
        }
    }

    private void OnHandoverRetry(PendingPreWarm preWarm) => TryPreWarm(preWarm);

    private void TryPreWarm(PendingPreWarm preWarm)
    {
        var (vm, function) = (preWarm.To, preWarm.Function);
        if (vm.Life is not (VmLife.Active or VmLife.Joining) || preWarm.For.HandoverPending < 0 || vm.Instances.ContainsKey(function))
        {
            PreWarmDone(preWarm.For); // not active (nor joining), the handover is over, or already warm (or loading)
            return;
        }

        var spec = _functions[function].Spec;
        var cores = CoreBudget.ToMilli(spec.DeclaredCores);
        if (NoticeHandover.Admits(vm.Line.Count, vm.InUseMilli, vm.PreWarmingMilli, cores, vm.CoresMilli))
        {
            vm.PreWarmingMilli += cores;
            var instance = new WarmInstance
            {
                LoadId = ++_loads,
                ExpiresUs = _nowUs + ToUs(_options.KeepAlive.KeepAlive.TotalSeconds),
                PreWarm = new PreWarmHold(cores, preWarm.For),
            };
            vm.Instances[function] = instance;
            StartLoading(vm, function, instance);
            return;
        }

        var retryUs = ToUs(NoticeHandover.RetryInterval.TotalSeconds);
        if (_nowUs + retryUs >= preWarm.UntilUs)
        {
            PreWarmDone(preWarm.For); // no room before the bound: a pre-warm yields to work
            return;
        }

        Schedule(_nowUs + retryUs, EventKind.HandoverRetry, preWarm);
    }

    /// <summary>A pre-warm's load has ended: its cores go back, and its VM's notice may drain if it waited on nothing else.</summary>
    private void EndPreWarm(SimVm vm, WarmInstance instance)
    {
        if (instance.PreWarm is not { } hold)
        {
            return;
        }

        instance.PreWarm = null;
        vm.PreWarmingMilli -= hold.CoresMilli;
        PreWarmDone(hold.For);
    }

    private void PreWarmDone(SimVm notified)
    {
        if (notified.HandoverPending > 0 && --notified.HandoverPending == 0)
        {
            PreWarmsOver(notified);
        }
    }
}

/// <summary>One pre-warm of a handover: <see cref="Function"/> on <see cref="To"/>, for <see cref="For"/>'s notice, until <see cref="UntilUs"/>.</summary>
internal sealed record PendingPreWarm(SimVm For, SimVm To, int Function, long UntilUs);

/// <summary>The idle cores a pre-warm's load uses on its VM, and whose notice waits for it.</summary>
internal readonly record struct PreWarmHold(long CoresMilli, SimVm For);
