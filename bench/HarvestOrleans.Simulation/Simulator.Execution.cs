using HarvestOrleans.Policies;
using HarvestOrleans.Simulation.Engine;
using HarvestOrleans.Simulation.Model;
using HarvestOrleans.Simulation.Output;

namespace HarvestOrleans.Simulation;

/// <summary>
/// An invoker's execution and warm pool: an admitted invocation takes the function's instance (loading it first: its
/// cold start, on its cores, as the live executor does), runs for a drawn time within the function's timeout, and at
/// its end the keep-alive policy decides, from the function's idle times on the VM, how long the instance stays.
/// </summary>
public sealed partial class Simulator
{
    private long _loads;

    private void Start(SimVm vm, SimInvocation invocation)
    {
        var function = invocation.Function;
        if (!vm.IdleHistories.TryGetValue(function, out var history))
        {
            vm.IdleHistories[function] = history = new FunctionIdleHistory(_options.KeepAlive.BinWidth, _options.KeepAlive.BinCount);
        }

        history.Arrive(NowMs);
        vm.PreWarms.Remove(function);
        if (!vm.Instances.TryGetValue(function, out var instance))
        {
            vm.Instances[function] = instance = new WarmInstance { LoadId = ++_loads };
            StartLoading(vm, function, instance);
        }

        instance.Users++;
        if (instance.Loaded)
        {
            Execute(vm, invocation);
        }
        else
        {
            invocation.ColdStart = true;
            invocation.State = AttemptState.Loading;
            instance.Waiting.Add(invocation);
        }
    }

    private void StartLoading(SimVm vm, int function, WarmInstance instance)
    {
        var coldStartUs = ToUs(_functions[function].Spec.ColdStartMs / 1000);
        Schedule(_nowUs + coldStartUs, EventKind.InstanceReady, vm, function, instance.LoadId);
    }

    private void OnInstanceReady(SimVm vm, int function, long loadId)
    {
        if (vm.Life == VmLife.Gone || !vm.Instances.TryGetValue(function, out var instance) || instance.LoadId != loadId)
        {
            return;
        }

        instance.Loaded = true;
        EndPreWarm(vm, instance);
        vm.WarmNames.Add(_functions[function].Spec.Name);
        vm.WarmChanged = true;
        foreach (var invocation in instance.Waiting)
        {
            if (invocation.State == AttemptState.Loading && invocation.Vm == vm)
            {
                invocation.InitMs = Ms(_nowUs - invocation.AdmittedUs);
                Execute(vm, invocation);
            }
        }

        instance.Waiting.Clear();
        if (instance.Users == 0)
        {
            ScheduleExpiry(vm, function, instance); // a pre-warmed instance nobody has used yet
        }
    }

    private void Execute(SimVm vm, SimInvocation invocation)
    {
        var spec = _functions[invocation.Function].Spec;
        invocation.State = AttemptState.Running;
        invocation.ExecutionStartUs = _nowUs;
        // The drawn time is the run on its configured cores; its allocation makes it slower or faster by its parallelism.
        var allocation = invocation.Resources.Allocation;
        var drawnUs = ToUs(spec.ExecutionMs.Sample(_executionRandom) * spec.Slowdown(allocation.Cores) / 1000);
        var leftUs = ToUs(spec.TimeoutMs / 1000) - (_nowUs - invocation.AdmittedUs);
        var timedOut = drawnUs > leftUs;
        var outOfMemory = allocation.MemoryMb < spec.PeakMemory;
        (invocation.Outcome, invocation.OutcomeError) = (outOfMemory, timedOut) switch
        {
            (true, _) => (SimStatus.Failed, ErrorTypes.OutOfMemory), // it reaches its peak before it ends
            (_, true) => (SimStatus.TimedOut, ErrorTypes.Timeout),
            _ => (SimStatus.Succeeded, (string?)null),
        };
        Schedule(_nowUs + Math.Max(0, timedOut ? leftUs : drawnUs), EventKind.ExecutionEnd, invocation, generation: invocation.Generation);
    }

    private void OnExecutionEnd(SimInvocation invocation, long generation)
    {
        if (invocation.Generation != generation || invocation.State != AttemptState.Running)
        {
            return;
        }

        var vm = invocation.Vm!;
        Finish(vm, invocation, evicted: false);
        Reply(invocation, invocation.Outcome, invocation.OutcomeError);
    }

    /// <summary>Ends an admitted invocation on its VM: measures it, returns its cores, reports its usage, releases its instance.</summary>
    private void Finish(SimVm vm, SimInvocation invocation, bool evicted)
    {
        var spec = _functions[invocation.Function].Spec;
        var ran = invocation.State == AttemptState.Running;
        invocation.ExecutionMs = ran ? Ms(_nowUs - invocation.ExecutionStartUs) : 0;
        var allocation = invocation.Resources.Allocation;
        var usedCores = spec.UsedCoresAt(allocation.Cores);
        invocation.CpuSeconds = invocation.ExecutionMs / 1000 * usedCores;
        vm.CpuSeconds += invocation.CpuSeconds;
        Release(vm, invocation);
        if (ran && !evicted)
        {
            if (!vm.ResourceHistories.TryGetValue(invocation.Function, out var history))
            {
                vm.ResourceHistories[invocation.Function] = history = new ResourceUsageHistory();
            }

            // What the live measurement would see: at most the allocation (an out-of-memory run stops at it).
            var peak = new ResourceUsage(Math.Min(allocation.Cores, spec.Parallelism), Math.Min(allocation.MemoryMb, spec.PeakMemory));
            history.Record(new ResourceOutcome(allocation, invocation.Outcome == SimStatus.Succeeded, peak, usedCores, invocation.Resources.IsSafeguard));
        }

        if (!vm.Usage.TryGetValue(invocation.Function, out var usage))
        {
            vm.Usage[invocation.Function] = usage = new UsageInterval(_options.UsageSamplesPerInterval);
        }

        usage.Record(invocation.ExecutionMs, usedCores, invocation.Overload, evicted, _usageRandom);
        if (!evicted)
        {
            ReleaseInstance(vm, invocation.Function);
        }
    }

    private void ReleaseInstance(SimVm vm, int function)
    {
        if (!vm.Instances.TryGetValue(function, out var instance))
        {
            return;
        }

        instance.Users--;
        instance.UseGeneration++;
        var windows = vm.IdleHistories[function].End(NowMs, _keepAlive, _options.KeepAlive);
        if (windows.PreWarm > TimeSpan.Zero)
        {
            // Unload now and come back just before the next invocation is expected.
            if (instance.Users == 0)
            {
                Unload(vm, function);
                var generation = ++vm.PreWarmGeneration;
                vm.PreWarms[function] = (generation, ToUs(windows.KeepAlive.TotalSeconds));
                Schedule(NextSweep(_nowUs + ToUs(windows.PreWarm.TotalSeconds)), EventKind.PreWarm, vm, function, generation);
            }

            return;
        }

        instance.ExpiresUs = _nowUs + ToUs(windows.KeepAlive.TotalSeconds);
        if (instance.Users == 0)
        {
            ScheduleExpiry(vm, function, instance);
        }
    }

    private void ScheduleExpiry(SimVm vm, int function, WarmInstance instance) =>
        Schedule(NextSweep(instance.ExpiresUs), EventKind.InstanceExpiry, vm, function, instance.UseGeneration);

    private void OnInstanceExpiry(SimVm vm, int function, long generation)
    {
        if (vm.Instances.TryGetValue(function, out var instance) && instance.UseGeneration == generation && instance.Users == 0 && _nowUs >= instance.ExpiresUs)
        {
            Unload(vm, function);
        }
    }

    private void OnPreWarm(SimVm vm, int function, long generation)
    {
        if (vm.Life != VmLife.Active || !vm.PreWarms.TryGetValue(function, out var due) || due.Generation != generation)
        {
            return;
        }

        vm.PreWarms.Remove(function);
        if (!vm.Instances.ContainsKey(function))
        {
            var instance = new WarmInstance { LoadId = ++_loads, ExpiresUs = _nowUs + due.KeepAliveUs };
            vm.Instances[function] = instance;
            StartLoading(vm, function, instance);
        }
    }

    private void Unload(SimVm vm, int function)
    {
        if (vm.Instances.Remove(function, out var instance) && instance.Loaded)
        {
            vm.WarmNames.Remove(_functions[function].Spec.Name);
            vm.WarmChanged = true;
        }
    }

    /// <summary>The warm pool's sweep acts on whole sweep intervals.</summary>
    private long NextSweep(long atUs) => (atUs + _sweepUs - 1) / _sweepUs * _sweepUs;
}
