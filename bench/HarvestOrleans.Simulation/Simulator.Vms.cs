using HarvestOrleans.Policies;
using HarvestOrleans.Simulation.Engine;
using HarvestOrleans.Simulation.Model;
using HarvestOrleans.Simulation.Output;

namespace HarvestOrleans.Simulation;

/// <summary>
/// The VMs: joins, core changes from their traces, eviction notices and losses, their load and usage reports, and the
/// planners' view of them, refreshed as a silo's cluster view is (the eviction stream refreshes it at once).
/// </summary>
public sealed partial class Simulator
{
    private void OnJoin(SimVm vm)
    {
        if (vm.Life != VmLife.Pending)
        {
            return;
        }

        vm.Life = VmLife.Joining;
        vm.LastReportUs = vm.LastUsageUs = _nowUs;
        vm.CoresMilli = CoreBudget.ToMilli(CoresAt(vm, _nowUs));
        vm.NextCoreStep = FirstStepAfter(vm, vm.Spec.JoinAtSeconds);
        ScheduleNextCoreStep(vm);
        StartJoinWarmup(vm); // registers now, or once what it will serve is warm
    }

    /// <summary>The VM registers: the balancer counts it in from its first load report.</summary>
    private void Activate(SimVm vm)
    {
        if (vm.Life != VmLife.Joining)
        {
            return;
        }

        vm.HandoverPending = -1;
        vm.Life = VmLife.Active;
        Report(vm); // a joining VM registers with its first load
        RefreshView();
    }

    private void OnCoreStep(SimVm vm)
    {
        if (vm.Life is VmLife.Gone or VmLife.Pending)
        {
            return;
        }

        vm.CoresMilli = CoreBudget.ToMilli(vm.Spec.Cores[vm.NextCoreStep].Cores);
        vm.NextCoreStep++;
        ScheduleNextCoreStep(vm);
        Pump(vm); // growing admits waiting work at once; shrinking touches nothing running
    }

    private void ScheduleNextCoreStep(SimVm vm)
    {
        if (vm.NextCoreStep < vm.Spec.Cores.Count)
        {
            Schedule(Math.Max(_nowUs, ToUs(vm.Spec.Cores[vm.NextCoreStep].AtSeconds)), EventKind.CoreStep, vm);
        }
    }

    private void OnNotice(SimVm vm)
    {
        if (vm.Life != VmLife.Active || vm.HandoverPending >= 0)
        {
            return;
        }

        // The loss comes at the notice's deadline, whatever the VM does first.
        Schedule(_nowUs + ToUs(vm.Spec.NoticeSeconds), EventKind.VmLoss, vm);
        StartHandover(vm);
    }

    private void Drain(SimVm vm)
    {
        if (vm.Life != VmLife.Active)
        {
            return;
        }

        // Draining: admission closes, waiting invocations are turned away (they never ran), running ones go on until
        // the deadline. Its new state reaches the planners through the eviction stream, not the next refresh.
        vm.HandoverPending = -1;
        vm.Life = VmLife.Draining;
        vm.Line.Clear(new Taker(this, vm), entry =>
        {
            if (entry.Invocation.State == AttemptState.Queued && entry.Invocation.Generation == entry.Generation)
            {
                Reply(entry.Invocation, SimStatus.Rejected, ErrorTypes.VmDraining);
            }
        });
        Report(vm);
        RefreshView();
        Rebalance();
    }

    private void OnLoss(SimVm vm)
    {
        if (vm.Life is VmLife.Gone or VmLife.Pending)
        {
            return;
        }

        var withNotice = vm.Life == VmLife.Draining || vm.HandoverPending >= 0;
        vm.HandoverPending = -1;
        vm.Life = VmLife.Gone;
        vm.Line.Clear(new Taker(this, vm), entry =>
        {
            if (entry.Invocation.State == AttemptState.Queued && entry.Invocation.Generation == entry.Generation)
            {
                Reply(entry.Invocation, SimStatus.Rejected, ErrorTypes.WorkerLost); // lost with its silo before it ran
            }
        });

        // Whatever still runs is cut off: with notice the invoker's records say Evicted; without, the caller sees its worker lost.
        foreach (var invocation in vm.Admitted.ToArray())
        {
            Finish(vm, invocation, evicted: true);
            Reply(invocation, SimStatus.Evicted, withNotice ? ErrorTypes.Evicted : ErrorTypes.WorkerLost);
        }

        if (withNotice)
        {
            DeliverUsage(vm); // the drained invoker's last report carries its evictions
        }

        vm.Instances.Clear();
        vm.Reported = null;
        RefreshView();
        Rebalance();
    }

    /// <summary>The eviction stream makes every function that has a planner plan again on the fresh view.</summary>
    private void Rebalance()
    {
        foreach (var function in _functions)
        {
            if (function.HasPlanned)
            {
                Plan(function);
            }
        }
    }

    private void OnReportTick(int phase)
    {
        var phases = Math.Max(1, _options.ReportPhases);
        for (var i = phase; i < _vms.Length; i += phases)
        {
            var vm = _vms[i];
            if (vm.Life is VmLife.Active or VmLife.Draining)
            {
                Report(vm);
                DeliverUsage(vm);
            }
        }

        if (Continuing)
        {
            Schedule(_nowUs + _reportUs, EventKind.ReportTick, null, phase);
        }
    }

    /// <summary>A load report, as the invoker samples it (peaks since the last, over the window; measured CPU; warm functions).</summary>
    private void Report(SimVm vm)
    {
        var peakCores = Math.Max(vm.PeakInUseMilli, vm.InUseMilli) / CoreBudget.Milli;
        var peakMemory = Math.Max(vm.PeakMemoryMilli, vm.MemoryMilli) / CoreBudget.Milli;
        (vm.PeakInUseMilli, vm.PeakMemoryMilli) = (vm.InUseMilli, vm.MemoryMilli);
        var wallSeconds = (_nowUs - vm.LastReportUs) / 1e6;
        var measured = wallSeconds > 0 ? (vm.CpuSeconds - vm.LastReportCpuSeconds) / wallSeconds : 0;
        (vm.LastReportUs, vm.LastReportCpuSeconds) = (_nowUs, vm.CpuSeconds);
        var recent = vm.Peaks.Add(new LoadPeak(peakCores, peakMemory, measured));
        if (vm.WarmChanged)
        {
            vm.WarmSnapshot = [.. vm.WarmNames];
            vm.WarmChanged = false;
        }

        var view = VmReportView.From(
            vm.Id,
            vm.CoresMilli / CoreBudget.Milli,
            vm.Spec.MemoryMb,
            recent,
            vm.InUseMilli / CoreBudget.Milli,
            vm.MemoryMilli / CoreBudget.Milli,
            measured,
            active: vm.AcceptsWork,
            isRegular: vm.Spec.IsRegular,
            vm.WarmSnapshot);
        if (!view.Equals(vm.Reported))
        {
            vm.Reported = view;
            _viewChanged = true;
        }
    }

    /// <summary>Each function's usage since the last report goes to its planner's profile.</summary>
    private void DeliverUsage(SimVm vm)
    {
        var intervalMs = (_nowUs - vm.LastUsageUs) / 1000;
        vm.LastUsageUs = _nowUs;
        foreach (var (function, usage) in vm.Usage)
        {
            if (usage.Count > 0)
            {
                vm.Rates.Add(_functions[function].Spec.Name, NowMs, usage.Count, intervalMs);
                _functions[function].Profile.Add(NowMs, usage.Count, intervalMs, usage.Overloads, usage.Evictions, usage.ExecutionMs, usage.Cores);
                usage.Clear();
            }
        }
    }

    private void OnViewTick()
    {
        _lastViewRefreshUs = _nowUs;
        if (_viewChanged)
        {
            RefreshView();
        }
        else
        {
            StampView();
        }

        if (Continuing)
        {
            Schedule(_nowUs + _viewUs, EventKind.ViewTick, null);
        }
    }

    /// <summary>Nothing changed, but the view now holds the latest reports (a live view's report times move on too).</summary>
    private void StampView()
    {
        foreach (var vm in _vms)
        {
            if (vm.ViewIndex >= 0)
            {
                vm.ViewReportedUs = vm.LastReportUs;
            }
        }
    }

    /// <summary>The planners' view: every VM that has reported and is not gone, as last reported.</summary>
    private void RefreshView()
    {
        var view = new List<VmView>(_vms.Length);
        foreach (var vm in _vms)
        {
            if (vm.Life is VmLife.Active or VmLife.Draining && vm.Reported is { } reported)
            {
                (vm.ViewIndex, vm.ViewReportedUs) = (view.Count, vm.LastReportUs);
                view.Add(reported);
            }
            else
            {
                (vm.ViewIndex, vm.ViewReportedUs) = (-1, 0);
            }
        }

        _view = view.ToArray();
        _viewChanged = false;
    }

    /// <summary>
    /// A planner's early refresh (<see cref="LeaseLifetime.IsDue"/>), spaced as the live view's
    /// (<see cref="LeaseLifetime.MayRefreshEarly"/>): the view takes every VM's latest report.
    /// </summary>
    private void RefreshEarly()
    {
        if (!LeaseLifetime.MayRefreshEarly(TimeSpan.FromTicks((_nowUs - _lastViewRefreshUs) * 10), _options.ClusterViewRefresh))
        {
            return;
        }

        _lastViewRefreshUs = _nowUs;
        if (_viewChanged)
        {
            RefreshView();
        }
        else
        {
            StampView();
        }
    }

    /// <summary>When the view's loads of <paramref name="candidates"/> were reported, on the live planners' clock.</summary>
    private IEnumerable<DateTimeOffset> ViewReportTimes(IEnumerable<RouteCandidate> candidates)
    {
        foreach (var candidate in candidates)
        {
            yield return _vmById.TryGetValue(candidate.VmId, out var vm) && vm.ViewIndex >= 0 ? Clock(vm.ViewReportedUs) : default;
        }
    }

    /// <summary>Simulated time as a wall-clock instant, for the rules written against one.</summary>
    private static DateTimeOffset Clock(long us) => DateTimeOffset.UnixEpoch.AddTicks(us * 10);

    private void OnSampleTick(int intervalMs)
    {
        foreach (var vm in _vms)
        {
            if (vm.Life is VmLife.Active or VmLife.Draining)
            {
                _samples.Add(new SimVmSample(NowSeconds, vm.Id, vm.CoresMilli / CoreBudget.Milli, vm.InUseMilli / CoreBudget.Milli));
            }
        }

        if (_nowUs < _endUs)
        {
            Schedule(_nowUs + (intervalMs * 1000L), EventKind.SampleTick, null, intervalMs);
        }
    }

    private static double CoresAt(SimVm vm, long atUs)
    {
        var cores = vm.Spec.Cores[0].Cores;
        foreach (var step in vm.Spec.Cores)
        {
            if (ToUs(step.AtSeconds) > atUs)
            {
                break;
            }

            cores = step.Cores;
        }

        return cores;
    }

    private static int FirstStepAfter(SimVm vm, double seconds)
    {
        var i = 0;
        while (i < vm.Spec.Cores.Count && vm.Spec.Cores[i].AtSeconds <= seconds)
        {
            i++;
        }

        return i;
    }
}
