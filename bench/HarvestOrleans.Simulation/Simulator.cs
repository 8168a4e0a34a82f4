using System.Diagnostics;
using HarvestOrleans.Policies;
using HarvestOrleans.Simulation.Engine;
using HarvestOrleans.Simulation.Inputs;
using HarvestOrleans.Simulation.Model;
using HarvestOrleans.Simulation.Output;
using HarvestOrleans.Simulation.Workloads;

namespace HarvestOrleans.Simulation;

/// <summary>
/// A discrete-event simulation of a HarvestOrleans cluster in virtual time. Every decision is made by the code the
/// silos run — the balancing, eviction and keep-alive policies, the planner, exclusion-aware placement, the admission
/// line and core budget, the load-report peak window and view mapping, the usage profile and the retry budget, all from
/// HarvestOrleans.Policies. Only time, execution and cold starts are modelled: an execution takes a time drawn from the
/// function's distribution, a cold start its measured cost, a message one network hop. No threads, no wall clock in the
/// model: a run is deterministic for its seed. One file per concern: routing (the caller), admission and execution (an
/// invoker), VMs (joins, core changes, evictions, load reports, the planners' view).
/// </summary>
public sealed partial class Simulator : IWorkloadHost
{
    private readonly SimulationOptions _options;
    private readonly SimFunction[] _functions;
    private readonly SimVm[] _vms;
    private readonly Dictionary<string, SimVm> _vmById;
    private readonly ISimWorkload _workload;
    private readonly Action<SimRecord>? _sink;
    private readonly EventQueue _events = new();
    private readonly IBalancingPolicy _balancing;
    private readonly IEvictionPolicy _eviction;
    private readonly IKeepAlivePolicy _keepAlive;
    private readonly IResourcePolicy _resourcePolicy;
    private readonly ReservationLedger _ledger = new();
    private readonly Random _pickRandom, _executionRandom, _usageRandom, _retryRandom;
    private readonly SimulationStats _stats;
    private readonly List<SimVmSample> _samples = [];
    private readonly long _hopUs, _reportUs, _viewUs, _sweepUs, _maxQueueWaitUs;
    private IReadOnlyList<VmView> _view = [];
    private long _lastViewRefreshUs;
    private bool _viewChanged;
    private long _nowUs, _endUs, _stopUs;
    private long _nextId, _inFlight, _eventCount;
    private long _plans, _planTicks, _picks, _pickTicks;

    /// <param name="sink">Receives every final record as it is made (e.g. a CSV writer); nothing is kept otherwise.</param>
    public Simulator(SimulationOptions options, IReadOnlyList<SimVmSpec> vms, IReadOnlyList<SimFunctionSpec> functions, ISimWorkload workload, Action<SimRecord>? sink = null)
    {
        if (vms.Select(v => v.VmId).Distinct(StringComparer.Ordinal).Count() != vms.Count)
        {
            throw new ArgumentException("VM ids must be unique.", nameof(vms));
        }

        if (vms.Any(v => v.Cores.Count == 0))
        {
            throw new ArgumentException("Every VM needs at least one core step.", nameof(vms));
        }

        _options = options;
        _functions = [.. functions.Select((f, i) => new SimFunction(i, f, options))];
        _vms = [.. vms.Select((v, i) => new SimVm(i, v, functions.Count, options.PeakWindowReports))];
        _vmById = _vms.ToDictionary(v => v.Id, StringComparer.Ordinal);
        _workload = workload;
        _sink = sink;
        _balancing = new BalancingPolicies().Get(options.BalancingPolicy);
        _eviction = new EvictionPolicies().Get(options.EvictionPolicy);
        _keepAlive = new KeepAlivePolicies().Get(options.KeepAlivePolicy);
        _resourcePolicy = options.ResourcePolicies.Get(options.ResourcePolicy);
        _pickRandom = new Random(StreamSeed(options.Seed, 1));
        _executionRandom = new Random(StreamSeed(options.Seed, 2));
        _usageRandom = new Random(StreamSeed(options.Seed, 3));
        _retryRandom = new Random(StreamSeed(options.Seed, 4));
        Random = new Random(StreamSeed(options.Seed, 5));
        _stats = new SimulationStats(functions.Count);
        _hopUs = ToUs(options.NetworkHopMs / 1000);
        _reportUs = Math.Max(1, ToUs(options.LoadReportInterval.TotalSeconds));
        _viewUs = Math.Max(1, ToUs(options.ClusterViewRefresh.TotalSeconds));
        _sweepUs = Math.Max(1, ToUs(options.WarmPoolSweep.TotalSeconds));
        _maxQueueWaitUs = ToUs(options.MaxQueueWait.TotalSeconds);
    }

    /// <inheritdoc/>
    public double NowSeconds => _nowUs / 1e6;

    /// <inheritdoc/>
    public double EndSeconds => _endUs / 1e6;

    /// <inheritdoc/>
    public Random Random { get; }

    /// <summary>
    /// Runs the workload for <paramref name="duration"/> of simulated time, then lets what is in flight finish (within
    /// <see cref="SimulationOptions.DrainLimit"/>).
    /// </summary>
    /// <param name="progress">Called now and then with the fraction of simulated time done.</param>
    public SimulationResult Run(TimeSpan duration, Action<double>? progress = null)
    {
        var wall = Stopwatch.StartNew();
        _endUs = ToUs(duration.TotalSeconds);
        _stopUs = _endUs + ToUs(_options.DrainLimit.TotalSeconds);
        foreach (var vm in _vms)
        {
            Schedule(ToUs(vm.Spec.JoinAtSeconds), EventKind.VmJoin, vm);
            if (vm.Spec.NoticeAtSeconds is { } notice)
            {
                Schedule(ToUs(notice), EventKind.VmNotice, vm);
            }

            if (vm.Spec.LostAtSeconds is { } lost)
            {
                Schedule(ToUs(lost), EventKind.VmLoss, vm);
            }
        }

        var phases = Math.Max(1, _options.ReportPhases);
        for (var phase = 0; phase < phases; phase++)
        {
            Schedule((_reportUs * phase / phases) + 1, EventKind.ReportTick, null, phase);
        }

        Schedule(_viewUs, EventKind.ViewTick, null);
        if (_options.VmSampleInterval is { } sample)
        {
            Schedule(0, EventKind.SampleTick, null, (int)Math.Max(1, ToUs(sample.TotalSeconds) / 1000));
        }

        _workload.Start(this);
        var nextProgress = 0L;
        while (_events.TryDequeue(out var e, out var at))
        {
            if (at > _stopUs)
            {
                break;
            }

            _nowUs = at;
            _eventCount++;
            Dispatch(e);
            if (progress is not null && _eventCount >= nextProgress)
            {
                nextProgress = _eventCount + 100_000;
                progress(Math.Min(1, (double)_nowUs / Math.Max(1, _endUs)));
            }
        }

        progress?.Invoke(1);
        var frequency = (double)Stopwatch.Frequency / 1e6;
        return new SimulationResult(
            _options.BalancingPolicy,
            EndSeconds,
            _stats,
            CostSummary.Of(_vms.Select(v => v.Spec), EndSeconds, _stats.Succeeded),
            _samples,
            _eventCount,
            wall.Elapsed.TotalSeconds,
            _plans,
            _planTicks / frequency,
            _picks,
            _pickTicks / frequency)
        {
            Unfinished = _inFlight,
        };
    }

    /// <summary>True while periodic work (reports, the view, samples) still matters: before the end, or while invocations are in flight.</summary>
    private bool Continuing => _nowUs < _endUs || _inFlight > 0;

    private void Dispatch(in SimEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.WorkloadWake: _workload.OnWake(this, e.Arg); break;
            case EventKind.Attempt: OnAttempt((SimInvocation)e.Target!); break;
            case EventKind.ReachVm: OnReachVm((SimInvocation)e.Target!); break;
            case EventKind.QueueTimeout: OnQueueTimeout((SimInvocation)e.Target!, e.Generation); break;
            case EventKind.InstanceReady: OnInstanceReady((SimVm)e.Target!, e.Arg, e.Generation); break;
            case EventKind.ExecutionEnd: OnExecutionEnd((SimInvocation)e.Target!, e.Generation); break;
            case EventKind.Reply: OnReply((SimInvocation)e.Target!); break;
            case EventKind.ReportTick: OnReportTick(e.Arg); break;
            case EventKind.ViewTick: OnViewTick(); break;
            case EventKind.CoreStep: OnCoreStep((SimVm)e.Target!); break;
            case EventKind.VmJoin: OnJoin((SimVm)e.Target!); break;
            case EventKind.VmNotice: OnNotice((SimVm)e.Target!); break;
            case EventKind.VmLoss: OnLoss((SimVm)e.Target!); break;
            case EventKind.InstanceExpiry: OnInstanceExpiry((SimVm)e.Target!, e.Arg, e.Generation); break;
            case EventKind.PreWarm: OnPreWarm((SimVm)e.Target!, e.Arg, e.Generation); break;
            case EventKind.SampleTick: OnSampleTick(e.Arg); break;
            case EventKind.HandoverEnd: OnHandoverEnd((SimVm)e.Target!); break;
            case EventKind.HandoverRetry: OnHandoverRetry((PendingPreWarm)e.Target!); break;
            default: throw new InvalidOperationException($"Unknown event {e.Kind}.");
        }
    }

    /// <inheritdoc/>
    /// <remarks>Rounded up to the microsecond, so the workload never wakes before the time it asked for.</remarks>
    public void WakeAt(double atSeconds, int token) => Schedule(Math.Max(_nowUs, (long)Math.Ceiling(atSeconds * 1e6)), EventKind.WorkloadWake, null, token);

    /// <inheritdoc/>
    public void Invoke(int function, int token)
    {
        if ((uint)function >= (uint)_functions.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(function), function, $"The workload has {_functions.Length} functions.");
        }

        var invocation = new SimInvocation(_nextId++, function, token, _nowUs, new RetryBudget(_options.MaxRoutingAttempts, _options.MaxExecutionAttempts));
        _inFlight++;
        OnAttempt(invocation);
    }

    private void Schedule(long atUs, EventKind kind, object? target, int arg = 0, long generation = 0) =>
        _events.Schedule(atUs, new SimEvent(kind, target, arg, generation));

    private long NowMs => _nowUs / 1000;

    /// <summary>
    /// The seed of one of a run's random streams. Derived by a fixed mix, not <see cref="HashCode.Combine{T1, T2}"/>:
    /// that one is seeded per process, which made the same seed give a different run in every process.
    /// </summary>
    private static int StreamSeed(int seed, int stream)
    {
        unchecked
        {
            // SplitMix32's finaliser over the seed and the stream's index.
            var x = ((uint)seed * 0x9E3779B9u) + ((uint)stream * 0x85EBCA6Bu);
            x = (x ^ (x >> 16)) * 0x7FEB352Du;
            x = (x ^ (x >> 15)) * 0x846CA68Bu;
            return (int)(x ^ (x >> 16));
        }
    }

    private static long ToUs(double seconds) => (long)Math.Round(seconds * 1e6);

    private static double Ms(long us) => us / 1000.0;
}
