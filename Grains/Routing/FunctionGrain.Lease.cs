using HarvestOrleans.Routing;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Invocations;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Routing;

/// <summary>The route lease: callers receive the plan as a short lease and place each invocation themselves with the same policy.</summary>
internal sealed partial class FunctionGrain
{
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
        else if (_lastPlan is { } last && LeaseLifetime.IsDue(DateTimeOffset.UtcNow, ReportTimes(last.Candidates), _invokerOptions.LoadReportInterval))
        {
            // The next load report of a VM the function runs on is due: refresh the view (one registry read, shared by
            // every plan on this silo, and spaced), without keeping this caller waiting for it. This lease, planned on
            // the current view, is then short-lived, and the next one is planned on the new reports.
            _ = _cluster.RefreshEarlyAsync();
        }

        var plan = Plan(registration);
        var candidates = (LeaseCandidate[])[.. ToLease(plan.Candidates, overflow: false), .. ToLease(plan.Overflow, overflow: true)];
        return new RouteLease
        {
            Function = Name,
            Spec = routed.Spec,
            Policy = plan.Policy,
            Candidates = candidates,
            WorkerSet = [.. plan.WorkerSet],
            HomeVmId = plan.HomeVmId,
            RequiredCores = plan.RequiredCores,
            CoresPerInvocation = plan.CoresPerInvocation,
            CpuLimit = plan.CpuLimit,
            Ttl = LeaseLifetime.For(DateTimeOffset.UtcNow, ReportTimes(plan.Candidates), _invokerOptions.LoadReportInterval, _options.LeaseTtl),
            Settings = plan.Settings,
            MaxQueueWait = _invokerOptions.MaxQueueWait,
        };
    }

    /// <summary>When the view's loads of <paramref name="candidates"/> were reported (overflow VMs take work only when these have no room).</summary>
    private IEnumerable<DateTimeOffset> ReportTimes(IEnumerable<RouteCandidate> candidates) => candidates.Select(c => _cluster.ReportedAtOf(c.VmId));

    private IEnumerable<LeaseCandidate> ToLease(IEnumerable<RouteCandidate> candidates, bool overflow) =>
        candidates
            .Select(c => _cluster.SiloOf(c.VmId) is { } silo ? new LeaseCandidate(c.VmId, silo, c.Cores, c.MemoryMb, c.CpuUsage, c.MemoryUsage, overflow, c.Warm, _cluster.ReportedAtOf(c.VmId)) : null)
            .OfType<LeaseCandidate>();
}
