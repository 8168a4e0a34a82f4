using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Invocations;
using HarvestOrleans.Grains.Placement;

namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// The addressable front of this silo's <see cref="FunctionInvoker"/>. Pinned to its silo by placement, keyed by the
/// silo's address; every method interleaves, and the work itself runs off the grain scheduler.
/// </summary>
[SiloPinnedPlacement]
internal sealed class InvokerGrain(FunctionInvoker invoker, LocalInvoker local, RecentOutcomes outcomes, ILocalSiloDetails silo) : Grain, IInvokerGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Defence in depth: an invoker must never run anywhere but on the silo it is named after.
        var key = this.GetPrimaryKeyString();
        if (key != silo.SiloAddress.ToParsableString())
        {
            throw new WorkerUnavailableException($"Invoker {key} was activated on {silo.SiloAddress}; refusing to run there.");
        }

        return Task.CompletedTask;
    }

    public Task<InvocationRecord> InvokeAsync(InvocationRequest request) => local.InvokeAsync(request);

    public Task<InvocationRecord?> FindOutcomeAsync(Guid invocationId) => outcomes.FindAsync(invocationId);

    public Task<PreWarmOutcome> PreWarmAsync(string function, DateTimeOffset until) => invoker.PreWarmAsync(function, until);

    public Task ApplyVmStateAsync(double cores, VmState state)
    {
        invoker.ApplyVmState(cores, state);
        return Task.CompletedTask;
    }
}
