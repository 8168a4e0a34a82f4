using HarvestOrleans.Routing;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Invocations;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Routing;

/// <summary>Publishing: operators see every function's worker set and profile in the cluster snapshot.</summary>
internal sealed partial class FunctionGrain
{
    private Task PublishProfile(CancellationToken cancellationToken)
    {
        var info = Info(_lastPlan, registered: true);
        var profile = ProfileOf(info);
        if (_lastPlan is not null && profile != _publishedProfile)
        {
            _publishedProfile = profile;
            Registry.UpsertFunctionAsync(info).Ignore();
        }
        else if (profile.Rps == 0 && profile.KeepAliveRps == 0)
        {
            _profilePublisher?.Dispose(); // idle for the keep-alive, and the snapshot says so: stop until the next usage report
            _profilePublisher = null;
        }

        return Task.CompletedTask;
    }

    // Rounded as operators read them, so noise in the last digit does not republish.
    private static (double Rps, double P75, double ReqCpu, double CpuLimit, double KeepAliveRps) ProfileOf(FunctionRoutingInfo info) =>
        (Math.Round(info.Rps, 1), Math.Round(info.ExecutionP75Ms, 1), Math.Round(info.ReqCpu, 2), info.CpuLimit, Math.Round(info.KeepAliveRps, 3));

    private IClusterRegistryGrain Registry => GrainFactory.GetGrain<IClusterRegistryGrain>(IClusterRegistryGrain.Key);

    private FunctionRoutingInfo Info(RoutePlan? plan, bool registered) => new()
    {
        Function = Name,
        Policy = _policies.Balancing.Name,
        HomeVmId = plan?.HomeVmId,
        WorkerSet = plan is null ? [] : [.. plan.WorkerSet],
        Rps = _profile.Rps(NowMs),
        KeepAliveRps = _profile.KeepAliveRps(NowMs),
        ExecutionP75Ms = _profile.ExecutionP75Ms,
        RequiredCores = plan?.RequiredCores ?? 0,
        ReqCpu = plan?.CoresPerInvocation ?? 0,
        CpuLimit = plan?.CpuLimit ?? 0,
        Invocations = _profile.Invocations,
        Overloads = _profile.Overloads,
        Evictions = _profile.Evictions,
        SetVersion = _workerSet.Version,
        Registered = registered,
    };
}
