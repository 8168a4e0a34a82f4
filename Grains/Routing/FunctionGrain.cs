using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Routing;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Invocations;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Policies;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Routing;

/// <summary>
/// One function's controller: measures its rps, CPU and execution time from the invokers' usage reports, keeps its
/// worker set, and plans its routing with the cluster's eviction and balancing policies (see LivePolicies). Callers receive the plan as
/// a short lease and place each invocation themselves with the same policy, so an invocation costs one grain call.
/// Its in-memory state moves with it when it migrates off a draining silo. Each concern has a file: planning here,
/// the usage profile in <see cref="FunctionProfile"/>, the lease in FunctionGrain.Lease.cs, publishing to the cluster
/// registry in FunctionGrain.Publishing.cs, migration in FunctionGrain.Migration.cs.
/// </summary>
internal sealed partial class FunctionGrain : Grain, IFunctionGrain, IEvacuatingGrain, IGrainMigrationParticipant
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
    private readonly FunctionProfile _profile;
    private readonly Infrastructure.RecentIdSet<Guid> _handledEvents = new(Infrastructure.RecentIdSet<Guid>.DEFAULT_CAPACITY);
    private string? _publishedSet;
    private RoutePlan? _lastPlan;
    private IGrainTimer? _profilePublisher;
    private (double Rps, double P75, double ReqCpu, double CpuLimit, double KeepAliveRps) _publishedProfile;

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
        _profile = new FunctionProfile(_options.RateWindow, _options.ExecutionSamples);
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

    public Task ReportUsageAsync(FunctionUsageReport report)
    {
        _profile.Add(NowMs, report);

        // While it is busy, operators see its rate and p75 as they are, not as of its last worker-set change.
        _profilePublisher ??= this.RegisterGrainTimer(PublishProfile, new GrainTimerCreationOptions(_options.ProfilePublishInterval, _options.ProfilePublishInterval));
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

    /// <summary>
    /// Any name can be asked for, and an unknown one must cost nothing lasting: a grain whose function is not registered
    /// deactivates as soon as it has answered (a later call for the name activates it afresh and looks again).
    /// </summary>
    private void LeaveUnregistered() => this.DeactivateOnIdle();

    private RoutePlan Plan(FunctionRegistration registration)
    {
        var plan = PlanOn(registration, _cluster.Vms, _workerSet);
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

    /// <summary>The function's plan on <paramref name="view"/>, sizing <paramref name="workerSet"/> (the function's own, or a copy for a plan not taken).</summary>
    private RoutePlan PlanOn(FunctionRegistration registration, IReadOnlyList<VmView> view, WorkerSetState workerSet)
    {
        return FunctionPlanner.Plan(
            Planned(registration.Spec),
            _profile.Usage,
            workerSet,
            view,
            _policies.Balancing,
            _policies.BalancingSettings,
            _policies.Eviction,
            _policies.EvictionSettings,
            NowMs);
    }

    /// <summary>What planning needs of <paramref name="spec"/>.</summary>
    private PlannedFunction Planned(Functions.FunctionSpec spec) => new(Name, spec.Cores, spec.MemoryMb, spec.LongRunning, spec.Entity);
}
