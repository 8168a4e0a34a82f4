using HarvestOrleans.Policies;
using HarvestOrleans.Simulation.Engine;
using HarvestOrleans.Simulation.Model;
using HarvestOrleans.Simulation.Output;

namespace HarvestOrleans.Simulation;

/// <summary>An invoker's admission: the VM's state, the queue's capacity and wait, and the shared line and core budget.</summary>
public sealed partial class Simulator
{
    private void OnReachVm(SimInvocation invocation)
    {
        var vm = invocation.Vm!;
        if (vm.Life == VmLife.Gone)
        {
            Reply(invocation, SimStatus.Rejected, ErrorTypes.WorkerLost); // the call finds no silo: nothing ran
            return;
        }

        if (vm.Life != VmLife.Active)
        {
            Reply(invocation, SimStatus.Rejected, ErrorTypes.VmDraining);
            return;
        }

        invocation.Resources = DecideResources(vm, invocation.Function);
        invocation.CoresMilli = CoreBudget.ToMilli(invocation.Resources.Allocation.Cores);
        invocation.MemoryMilli = CoreBudget.ToMilli(invocation.Resources.Allocation.MemoryMb);
        invocation.QueuedUs = _nowUs;
        invocation.State = AttemptState.Queued;
        var taker = new Taker(this, vm);
        var entry = new QueueEntry(invocation, invocation.Generation);
        if (vm.Line.Count == 0 && taker.TryTake(entry))
        {
            return;
        }

        if (vm.Line.Count >= _options.QueueCapacity)
        {
            Reply(invocation, SimStatus.Rejected, ErrorTypes.QueueFull);
            return;
        }

        vm.Line.Enqueue(entry);
        Schedule(_nowUs + _maxQueueWaitUs, EventKind.QueueTimeout, invocation, generation: invocation.Generation);
        vm.Line.Pump(taker);
    }

    /// <summary>The invoker's resource manager: the function's allocation on this VM now, from its history here.</summary>
    private ResourceDecision DecideResources(SimVm vm, int function)
    {
        var spec = _functions[function].Spec;
        var history = vm.ResourceHistories.TryGetValue(function, out var kept) ? kept.Snapshot() : FunctionResourceHistory.None;
        var resources = VmResources.Of(CoreBudget.FromMilli(vm.CoresMilli), CoreBudget.FromMilli(vm.InUseMilli), vm.Spec.MemoryMb, CoreBudget.FromMilli(vm.MemoryMilli), vm.Running);
        return _resourcePolicy.Decide(new ResourceRequest(spec.Configured, history, resources), _options.Resources);
    }

    private void OnQueueTimeout(SimInvocation invocation, long generation)
    {
        if (invocation.Generation != generation || invocation.State != AttemptState.Queued)
        {
            return;
        }

        invocation.QueueMs = Ms(_nowUs - invocation.QueuedUs);
        Reply(invocation, SimStatus.Rejected, ErrorTypes.QueueWaitExceeded); // abandoned: the line drops it when it reaches it
        invocation.Vm!.Line.Pump(new Taker(this, invocation.Vm));
    }

    private void Pump(SimVm vm) => vm.Line.Pump(new Taker(this, vm));

    /// <summary>Returns an admitted invocation's cores and slot, then admits what now fits.</summary>
    private void Release(SimVm vm, SimInvocation invocation)
    {
        if (!vm.Admitted.Remove(invocation))
        {
            return;
        }

        vm.InUseMilli -= invocation.CoresMilli;
        vm.MemoryMilli -= invocation.MemoryMilli;
        vm.Running--;
        vm.RunningByFunction[invocation.Function]--;
        if (vm.Line.Count > 0)
        {
            Pump(vm);
        }
    }

    /// <summary>The VM as its admission line sees it: the live queue's rules on the simulated VM's counters.</summary>
    private readonly struct Taker(Simulator simulator, SimVm vm) : IAdmissionTaker<QueueEntry>
    {
        public bool TryTake(QueueEntry entry)
        {
            var ticket = entry.Invocation;
            var spec = simulator._functions[ticket.Function].Spec;
            if (vm.Life != VmLife.Active
                || vm.RunningByFunction[ticket.Function] + 1 > spec.MaxConcurrency
                || !CoreBudget.Fits(vm.InUseMilli, ticket.CoresMilli, vm.CoresMilli))
            {
                return false;
            }

            vm.InUseMilli += ticket.CoresMilli;
            vm.MemoryMilli += ticket.MemoryMilli;
            vm.Running++;
            vm.RunningByFunction[ticket.Function]++;
            vm.RaisePeaks();
            vm.Admitted.Add(ticket);
            ticket.QueueMs = Ms(simulator._nowUs - ticket.QueuedUs);
            ticket.AdmittedUs = simulator._nowUs;
            ticket.Generation++; // its queue timeout no longer applies
            simulator.Start(vm, ticket);
            return true;
        }

        public bool IsAbandoned(QueueEntry entry) =>
            entry.Invocation.State != AttemptState.Queued || entry.Invocation.Generation != entry.Generation || entry.Invocation.Vm != vm;

        public bool AtLimit(QueueEntry entry) =>
            vm.RunningByFunction[entry.Invocation.Function] >= simulator._functions[entry.Invocation.Function].Spec.MaxConcurrency;

        public string FunctionOf(QueueEntry entry) => simulator._functions[entry.Invocation.Function].Spec.Name;

        public void Dequeued(QueueEntry entry)
        {
        }
    }
}
