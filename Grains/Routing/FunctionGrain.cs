using HarvestOrleans.Cluster;
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
/// worker set, and plans its routing with the configured balancing policy. Callers receive the plan as a short lease
/// and place each invocation themselves with the same policy, so an invocation costs one grain call.
/// </summary>
internal sealed class FunctionGrain : Grain, IFunctionGrain
{
    private readonly IFunctionCatalog _catalog;
    private readonly ClusterViewCache _cluster;
    private readonly IBalancingPolicy _policy;
    private readonly BalancingOptions _options;
    private readonly TimeProvider _time;
    private readonly WorkerSetState _workerSet = new();
    private readonly RateEstimator _rate;
    private readonly PercentileWindow _executionMs;
    private long _invocations;
    private long _overloads;

    public FunctionGrain(IFunctionCatalog catalog, ClusterViewCache cluster, IBalancingPolicy policy, IOptions<BalancingOptions> options, TimeProvider time)
    {
        _catalog = catalog;
        _cluster = cluster;
        _policy = policy;
        _options = options.Value;
        _time = time;
        _rate = new RateEstimator((long)_options.RateWindow.TotalMilliseconds);
        _executionMs = new PercentileWindow(_options.ExecutionSamples);
    }

    private string Name => this.GetPrimaryKeyString();

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<RouteLease> GetRouteAsync()
    {
        var registration = _catalog.Find(Name, version: null);
        if (registration is null)
        {
            return new RouteLease
            {
                Function = Name,
                Error = new InvocationError(InvocationErrorTypes.FunctionNotFound, FunctionInvoker.NotFoundMessage(Name, null)),
                Ttl = _options.LeaseTtl,
            };
        }

        await _cluster.EnsureLoadedAsync();
        var plan = Plan(registration);
        return new RouteLease
        {
            Function = Name,
            Spec = registration.Spec,
            Policy = plan.Policy,
            Candidates = [.. ToLease(plan.Candidates, overflow: false), .. ToLease(plan.Overflow, overflow: true)],
            WorkerSet = [.. plan.WorkerSet],
            HomeVmId = plan.HomeVmId,
            RequiredCores = plan.RequiredCores,
            Ttl = _options.LeaseTtl,
            SetVersion = _workerSet.Version,
            UtilisationCap = _options.UtilisationCap,
            CountReservations = _options.CountReservations,
        };
    }

    public Task ReportUsageAsync(FunctionUsageReport report)
    {
        _rate.Add(NowMs, report.Count);
        _invocations += report.Count;
        _overloads += report.Overloads;
        foreach (var ms in report.ExecutionMs)
        {
            _executionMs.Add(ms);
        }

        return Task.CompletedTask;
    }

    public async Task<FunctionRoutingInfo> GetRoutingInfoAsync()
    {
        var registration = _catalog.Find(Name, version: null);
        await _cluster.EnsureLoadedAsync();
        var plan = registration is null ? null : Plan(registration);
        return new FunctionRoutingInfo
        {
            Function = Name,
            Policy = _policy.Name,
            HomeVmId = plan?.HomeVmId,
            WorkerSet = plan is null ? [] : [.. plan.WorkerSet],
            Rps = _rate.Rate(NowMs),
            ExecutionP75Ms = _executionMs.Percentile(0.75) ?? 0,
            RequiredCores = plan?.RequiredCores ?? 0,
            Invocations = _invocations,
            Overloads = _overloads,
            SetVersion = _workerSet.Version,
            Registered = registration is not null,
        };
    }

    private IEnumerable<LeaseCandidate> ToLease(IEnumerable<RouteCandidate> candidates, bool overflow) =>
        candidates
            .Select(c => _cluster.SiloOf(c.VmId) is { } silo ? new LeaseCandidate(c.VmId, silo, c.Cores, c.MemoryMb, c.CpuUsage, c.MemoryUsage, overflow) : null)
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
        return _policy.Plan(demand, _workerSet, _cluster.Vms, now);
    }
}
