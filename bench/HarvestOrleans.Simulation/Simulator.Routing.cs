using System.Diagnostics;
using HarvestOrleans.Policies;
using HarvestOrleans.Simulation.Engine;
using HarvestOrleans.Simulation.Model;
using HarvestOrleans.Simulation.Output;

namespace HarvestOrleans.Simulation;

/// <summary>The caller: route leases, placement, reservations, retries and final records (HarvestClient's rules).</summary>
public sealed partial class Simulator
{
    private void OnAttempt(SimInvocation invocation)
    {
        invocation.NewAttempt();
        invocation.Attempts++;
        var function = _functions[invocation.Function];
        var delayUs = 0L;
        if (function.Lease is null || _nowUs >= function.LeaseExpiresUs)
        {
            // A lease is one grain call to the function's planner: a round trip. Its lifetime and the planner's refresh
            // are the live planner's rules: a due view is refreshed for the next plan, this one is made on the current.
            var due = function.LastPlan is { } previous && LeaseLifetime.IsDue(Clock(_nowUs), ViewReportTimes(previous.Candidates), _options.LoadReportInterval);
            function.Lease = Plan(function);
            if (due)
            {
                RefreshEarly();
            }

            var ttl = LeaseLifetime.For(Clock(_nowUs), ViewReportTimes(function.Lease.Candidates), _options.LoadReportInterval, _options.LeaseTtl);
            function.LeaseExpiresUs = _nowUs + ToUs(ttl.TotalSeconds);
            delayUs = 2 * _hopUs;
        }

        var plan = function.Lease;
        var started = Stopwatch.GetTimestamp();
        var decision = Placement.Place(_balancing, plan, invocation.Excluded, _ledger, _pickRandom);
        _pickTicks += Stopwatch.GetTimestamp() - started;
        _picks++;
        if (decision.VmId is null || !_vmById.TryGetValue(decision.VmId, out var vm))
        {
            function.Lease = null;
            RoutingFailed(invocation, SimStatus.Rejected, ErrorTypes.NoCapacity);
            return;
        }

        invocation.Vm = vm;
        invocation.Overload = decision.Overload;
        invocation.Reservation = _ledger.Reserve(vm.Id, plan.CoresPerInvocation, function.Spec.MemoryMb);
        Schedule(_nowUs + delayUs + _hopUs, EventKind.ReachVm, invocation);
    }

    /// <summary>Plans as a FunctionGrain does, on the planners' current view.</summary>
    private RoutePlan Plan(SimFunction function)
    {
        var started = Stopwatch.GetTimestamp();
        var plan = FunctionPlanner.Plan(
            function.Planned,
            function.Profile,
            function.WorkerSet,
            _view,
            _balancing,
            _options.Balancing,
            _eviction,
            _options.Eviction,
            NowMs);
        _planTicks += Stopwatch.GetTimestamp() - started;
        _plans++;
        function.HasPlanned = true;
        function.LastPlan = plan;
        return plan;
    }

    /// <summary>The VM's answer reaches the caller one hop after it was sent.</summary>
    private void Reply(SimInvocation invocation, SimStatus status, string? error)
    {
        invocation.Outcome = status;
        invocation.OutcomeError = error;
        invocation.State = AttemptState.Replying;
        invocation.Generation++;
        Schedule(_nowUs + _hopUs, EventKind.Reply, invocation);
    }

    private void OnReply(SimInvocation invocation)
    {
        invocation.Reservation.Dispose();
        var vm = invocation.Vm!;
        switch (invocation.Outcome, invocation.OutcomeError)
        {
            case (SimStatus.Rejected, ErrorTypes.VmDraining or ErrorTypes.WorkerLost):
                // Nothing ran: route around the VM.
                Exclude(invocation, vm);
                RoutingFailed(invocation, invocation.Outcome, invocation.OutcomeError);
                break;
            case (SimStatus.Evicted, _):
                // Cut off by its VM's eviction: run it again elsewhere if that is safe.
                Exclude(invocation, vm);
                if (invocation.Budget.ExecutionLost(_functions[invocation.Function].Spec.Idempotent))
                {
                    RetryLater(invocation);
                }
                else
                {
                    Final(invocation);
                }

                break;
            default:
                Final(invocation);
                break;
        }
    }

    private void Exclude(SimInvocation invocation, SimVm vm)
    {
        (invocation.Excluded ??= new HashSet<string>(StringComparer.Ordinal)).Add(vm.Id);
        _functions[invocation.Function].Lease = null; // a failure invalidates the cached lease
    }

    private void RoutingFailed(SimInvocation invocation, SimStatus status, string? error)
    {
        invocation.Outcome = status;
        invocation.OutcomeError = error;
        if (invocation.Budget.RoutingFailed())
        {
            RetryLater(invocation);
        }
        else
        {
            Final(invocation);
        }
    }

    /// <summary>The client's pipeline: exponential delays from the base, with jitter.</summary>
    private void RetryLater(SimInvocation invocation)
    {
        var delay = _options.RetryBaseDelay.TotalSeconds * Math.Pow(2, Math.Max(0, invocation.Attempts - 1)) * (0.5 + _retryRandom.NextDouble());
        Schedule(_nowUs + Math.Max(1, ToUs(delay)), EventKind.Attempt, invocation);
    }

    /// <summary>Ends the invocation with its current attempt's outcome: its one final record.</summary>
    private void Final(SimInvocation invocation)
    {
        var function = _functions[invocation.Function];
        var result = new SimRecord(
            invocation.Id,
            function.Spec.Name,
            invocation.Vm?.Id,
            invocation.SentUs / 1e6,
            invocation.Outcome,
            invocation.OutcomeError,
            Ms(_nowUs - invocation.SentUs),
            invocation.QueueMs,
            invocation.InitMs,
            invocation.ExecutionMs,
            invocation.CpuSeconds,
            invocation.ColdStart,
            invocation.Overload,
            invocation.Attempts)
        {
            AllocatedCores = invocation.CoresMilli > 0 ? invocation.Resources.Allocation.Cores : 0,
            AllocatedMemoryMb = invocation.CoresMilli > 0 ? invocation.Resources.Allocation.MemoryMb : 0,
            ConfiguredCores = function.Spec.DeclaredCores,
            ConfiguredMemoryMb = function.Spec.MemoryMb,
            Slowdown = invocation.ExecutionMs > 0 && invocation.Outcome == SimStatus.Succeeded
                ? (invocation.QueueMs + invocation.ExecutionMs) / (invocation.ExecutionMs / function.Spec.Slowdown(invocation.Resources.Allocation.Cores))
                : double.NaN,
        };
        invocation.State = AttemptState.Done;
        _inFlight--;
        _stats.Add(result, invocation.Function, result.Status is SimStatus.Rejected ? -1 : invocation.Vm?.Index ?? -1);
        _sink?.Invoke(result);
        _workload.OnFinal(this, result, invocation.Token);
    }
}
