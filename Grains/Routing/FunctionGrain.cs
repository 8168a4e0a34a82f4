using HarvestOrleans.Cluster;
using HarvestOrleans.Eviction;
using HarvestOrleans.FunctionHosting;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Invocation;
using HarvestOrleans.Invocations;
using HarvestOrleans.Options;
using HarvestOrleans.Policies;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Routing;

/// <summary>
/// One function's controller: measures its rps and p75 execution time from the invokers' usage reports, keeps its
/// worker set, and plans its routing with the cluster's eviction and balancing policies (see LivePolicies). Callers receive the plan as
/// a short lease and place each invocation themselves with the same policy, so an invocation costs one grain call.
/// Its in-memory state moves with it when it migrates off a draining silo.
/// </summary>
internal sealed class FunctionGrain : Grain, IFunctionGrain, IEvacuatingGrain, IGrainMigrationParticipant
{
    private readonly IFunctionCatalog _catalog;
    private readonly ClusterViewCache _cluster;
    private readonly LivePolicies _policies;
    private readonly Diagnostics.HarvestMetrics _metrics;
    private readonly LocalGrainRegistry _local;
    private readonly BalancingOptions _options;
    private readonly InvokerOptions _invokerOptions;
    private readonly TimeProvider _time;
    private readonly WorkerSetState _workerSet = new();
    private readonly RateEstimator _rate;
    private readonly PercentileWindow _executionMs;
    private readonly Infrastructure.RecentIdSet<Guid> _handledEvents = new(Infrastructure.RecentIdSet<Guid>.DEFAULT_CAPACITY);
    private long _invocations;
    private long _overloads;
    private long _evictions;
    private string? _publishedSet;
    private RoutePlan? _lastPlan;
    private IGrainTimer? _profilePublisher;
    private (double Rps, double P75) _publishedProfile;

    public FunctionGrain(
        IFunctionCatalog catalog,
        ClusterViewCache cluster,
        LivePolicies policies,
        LocalGrainRegistry local,
        Diagnostics.HarvestMetrics metrics,
        IOptions<BalancingOptions> options,
        IOptions<InvokerOptions> invokerOptions,
        TimeProvider time)
    {
        _catalog = catalog;
        _cluster = cluster;
        _policies = policies;
        _metrics = metrics;
        _local = local;
        _options = options.Value;
        _invokerOptions = invokerOptions.Value;
        _time = time;
        _rate = new RateEstimator((long)_options.RateWindow.TotalMilliseconds);
        _executionMs = new PercentileWindow(_options.ExecutionSamples);
    }

    private string Name => this.GetPrimaryKeyString();

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _local.AddFunction(Name, this.AsReference<IFunctionGrain>());
        return _local.AddAsync(this);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _local.RemoveFunction(Name);
        _metrics.SetWorkerSetSize(Name, null);
        return _local.RemoveAsync(this);
    }

    public async Task<RouteLease> GetRouteAsync() => await LeaseAsync(await _catalog.FindAsync(Name, version: null), version: null);

    public async Task<RouteLease> GetVersionRouteAsync(string version) =>
        await LeaseAsync(await _catalog.FindAsync(Name, version), version);

    /// <summary>
    /// A lease to run <paramref name="routed"/> (the current version, or the pinned one). The worker set is the
    /// function's, planned for its current version; the spec is the routed version's own, since callers bound their
    /// wait by its timeout and retry only if it is idempotent.
    /// </summary>
    private async Task<RouteLease> LeaseAsync(FunctionRegistration? routed, string? version)
    {
        if (routed is null)
        {
            if (version is null || await _catalog.FindAsync(Name, version: null) is null)
            {
                LeaveUnregistered(); // an unknown version of a known function keeps the function's profile
            }

            return new RouteLease
            {
                Function = Name,
                Error = new InvocationError(InvocationErrorTypes.FunctionNotFound, FunctionInvoker.NotFoundMessage(Name, version)),
                Ttl = _options.LeaseTtl,
            };
        }

        var registration = version is null ? routed : await _catalog.FindAsync(Name, version: null) ?? routed;

        await _cluster.EnsureLoadedAsync();
        if (_cluster.Vms.Count == 0)
        {
            await _cluster.RefreshAsync(); // right after start-up the cached view may predate the VMs' registration
        }

        var plan = Plan(registration);
        return new RouteLease
        {
            Function = Name,
            Spec = routed.Spec,
            Policy = plan.Policy,
            Candidates = [.. ToLease(plan.Candidates, overflow: false), .. ToLease(plan.Overflow, overflow: true)],
            WorkerSet = [.. plan.WorkerSet],
            HomeVmId = plan.HomeVmId,
            RequiredCores = plan.RequiredCores,
            Ttl = _options.LeaseTtl,
            UtilisationCap = _options.UtilisationCap,
            CountReservations = _options.CountReservations,
            MaxQueueWait = _invokerOptions.MaxQueueWait,
        };
    }

    public Task ReportUsageAsync(FunctionUsageReport report)
    {
        _rate.Add(NowMs, report.Count);
        _invocations += report.Count;
        _overloads += report.Overloads;
        _evictions += report.Evictions;
        foreach (var ms in report.ExecutionMs)
        {
            _executionMs.Add(ms);
        }

        // While it is busy, operators see its rate and p75 as they are, not as of its last worker-set change.
        _profilePublisher ??= this.RegisterGrainTimer(PublishProfile, new GrainTimerCreationOptions(_options.ProfilePublishInterval, _options.ProfilePublishInterval));
        return Task.CompletedTask;
    }

    private Task PublishProfile(CancellationToken cancellationToken)
    {
        var info = Info(_lastPlan, registered: true);
        var profile = ProfileOf(info);
        if (_lastPlan is not null && profile != _publishedProfile)
        {
            _publishedProfile = profile;
            Registry.UpsertFunctionAsync(info).Ignore();
        }
        else if (profile.Rps == 0)
        {
            _profilePublisher?.Dispose(); // idle, and the snapshot says so: stop until the next usage report
            _profilePublisher = null;
        }

        return Task.CompletedTask;
    }

    public async Task RebalanceAsync(EvictionEvent evt)
    {
        if (!_handledEvents.Add(evt.EventId) || await _catalog.FindAsync(Name, version: null) is not { } registration)
        {
            return;
        }

        await _cluster.EnsureLoadedAsync();
        if (!Reflects(_cluster.Snapshot, evt))
        {
            // Woken by the evicted VM's grain rather than by this silo's agent (which refreshes before it tells its
            // functions): read a view that has the event. Only then, so routing never waits on the registry for it.
            await _cluster.RefreshAsync();
        }

        Plan(registration);
    }

    private static bool Reflects(ClusterSnapshot view, EvictionEvent evt) =>
        view.Find(evt.VmId) is not { } vm || vm.State >= (evt.Phase == EvictionPhase.Evicted ? VmState.Evicted : VmState.Draining);

    public async Task<FunctionRoutingInfo> GetRoutingInfoAsync()
    {
        var registration = await _catalog.FindAsync(Name, version: null);
        if (registration is null)
        {
            LeaveUnregistered();
        }

        await _cluster.EnsureLoadedAsync();
        var plan = registration is null ? null : Plan(registration);
        return Info(plan, registration is not null);
    }

    public Task EvacuateAsync(string targetSilo) => this.MigrateToAsync(targetSilo);

    /// <summary>
    /// Any name can be asked for, and an unknown one must cost nothing lasting: a grain whose function is not registered
    /// deactivates as soon as it has answered (a later call for the name activates it afresh and looks again).
    /// </summary>
    private void LeaveUnregistered() => this.DeactivateOnIdle();

    public void OnDehydrate(IDehydrationContext dehydrationContext)
    {
        var (firstMs, samples) = _rate.Export();
        dehydrationContext.TryAddValue("function", new FunctionGrainMigrationState
        {
            SetSize = _workerSet.Size,
            HomeVmId = _workerSet.HomeVmId,
            LastShrinkMs = _workerSet.LastShrinkMs,
            SetVersion = _workerSet.Version,
            RateFirstMs = firstMs,
            RateAtMs = samples.Select(s => s.AtMs).ToArray(),
            RateCounts = samples.Select(s => s.Count).ToArray(),
            ExecutionMs = _executionMs.Export(),
            Invocations = _invocations,
            Overloads = _overloads,
            Evictions = _evictions,
            HandledEvents = [.. _handledEvents],
        });
    }

    public void OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (!rehydrationContext.TryGetValue<FunctionGrainMigrationState>("function", out var s) || s is null)
        {
            return;
        }

        _workerSet.Size = s.SetSize;
        _workerSet.HomeVmId = s.HomeVmId;
        _workerSet.LastShrinkMs = s.LastShrinkMs;
        _workerSet.Version = s.SetVersion;
        _rate.Import(s.RateFirstMs, s.RateAtMs.Zip(s.RateCounts));
        _executionMs.Import(s.ExecutionMs);
        (_invocations, _overloads, _evictions) = (s.Invocations, s.Overloads, s.Evictions);
        _handledEvents.UnionWith(s.HandledEvents);
    }

    private IEnumerable<LeaseCandidate> ToLease(IEnumerable<RouteCandidate> candidates, bool overflow) =>
        candidates
            .Select(c => _cluster.SiloOf(c.VmId) is { } silo ? new LeaseCandidate(c.VmId, silo, c.Cores, c.MemoryMb, c.CpuUsage, c.MemoryUsage, overflow, c.Warm) : null)
            .OfType<LeaseCandidate>();

    private RoutePlan Plan(FunctionRegistration registration)
    {
        var now = NowMs;
        var demand = new FunctionDemand(
            Name,
            _rate.Rate(now),
            (_executionMs.Percentile(0.75) ?? 0) / 1000.0,
            registration.Spec.Cores,
            registration.Spec.MemoryMb);
        var profile = new FunctionEvictionProfile(
            registration.Spec.LongRunning,
            _executionMs.Percentile(0.99) / 1000.0,
            _executionMs.Max() / 1000.0,
            _invocations,
            _evictions);
        var allowed = _policies.Eviction.AllowedVms(profile, _cluster.Vms);
        var plan = _policies.Balancing.Plan(demand, _workerSet, allowed, now);
        var set = string.Join(',', plan.WorkerSet);
        _lastPlan = plan;
        if (set != _publishedSet)
        {
            // Operators see every function's worker set in the cluster snapshot.
            _publishedSet = set;
            _metrics.SetWorkerSetSize(Name, plan.WorkerSet.Count);
            var info = Info(plan, registered: true);
            _publishedProfile = ProfileOf(info);
            Registry.UpsertFunctionAsync(info).Ignore();
        }

        return plan;
    }

    // Rounded as operators read them, so noise in the last digit does not republish.
    private static (double Rps, double P75) ProfileOf(FunctionRoutingInfo info) => (Math.Round(info.Rps, 1), Math.Round(info.ExecutionP75Ms, 1));

    private IClusterRegistryGrain Registry => GrainFactory.GetGrain<IClusterRegistryGrain>(IClusterRegistryGrain.Key);

    private FunctionRoutingInfo Info(RoutePlan? plan, bool registered) => new()
    {
        Function = Name,
        Policy = _policies.Balancing.Name,
        HomeVmId = plan?.HomeVmId,
        WorkerSet = plan is null ? [] : [.. plan.WorkerSet],
        Rps = _rate.Rate(NowMs),
        ExecutionP75Ms = _executionMs.Percentile(0.75) ?? 0,
        RequiredCores = plan?.RequiredCores ?? 0,
        Invocations = _invocations,
        Overloads = _overloads,
        Evictions = _evictions,
        SetVersion = _workerSet.Version,
        Registered = registered,
    };
}
