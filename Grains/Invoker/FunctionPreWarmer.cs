using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Diagnostics;
using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// Warms a function on this VM ahead of the traffic an eviction notice will move here. It yields to work
/// (<see cref="NoticeHandover.Admits"/>): a load starts only when no invocation waits and its cores fit in the idle
/// ones, counting the pre-warms under way, trying again every <see cref="NoticeHandover.RetryInterval"/> until its wait
/// ends; it holds no admission cores, so no invocation waits for it.
/// </summary>
internal sealed class FunctionPreWarmer(
    IFunctionCatalog catalog,
    WarmPool instances,
    AdmissionQueue admission,
    Func<VmState> state,
    HarvestMetrics metrics,
    TimeProvider time)
{
    private long _preWarmingMilli;

    public async Task<PreWarmOutcome> PreWarmAsync(string function, DateTimeOffset until)
    {
        var outcome = await TryPreWarmAsync(function, until).ConfigureAwait(false);
        metrics.RecordPreWarm(function, outcome);
        return outcome;
    }

    private async Task<PreWarmOutcome> TryPreWarmAsync(string function, DateTimeOffset until)
    {
        if (await catalog.FindAsync(function, version: null).ConfigureAwait(false) is not { } registration)
        {
            return PreWarmOutcome.NotFound;
        }

        var cores = CoreBudget.ToMilli(registration.Spec.Cores);
        while (true)
        {
            if (state() != VmState.Active)
            {
                return PreWarmOutcome.NotActive;
            }

            if (instances.IsLoadedOrLoading(registration))
            {
                return PreWarmOutcome.AlreadyWarm;
            }

            if (TryTake(cores))
            {
                try
                {
                    return await instances.PreWarmAsync(registration, until - time.GetUtcNow(), time).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Add(ref _preWarmingMilli, -cores);
                }
            }

            var left = until - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return PreWarmOutcome.NoRoom;
            }

            await Task.Delay(left < NoticeHandover.RetryInterval ? left : NoticeHandover.RetryInterval, time).ConfigureAwait(false);
        }
    }

    /// <summary>Takes <paramref name="cores"/> of the idle cores for a pre-warm, if the rule admits it now.</summary>
    private bool TryTake(long cores)
    {
        var warming = Volatile.Read(ref _preWarmingMilli);
        while (true)
        {
            var inUse = CoreBudget.ToMilli(admission.CoresInUse);
            if (!NoticeHandover.Admits(admission.QueueLength, inUse, warming, cores, CoreBudget.ToMilli(admission.Cores)))
            {
                return false;
            }

            var seen = Interlocked.CompareExchange(ref _preWarmingMilli, warming + cores, warming);
            if (seen == warming)
            {
                return true;
            }

            warming = seen;
        }
    }
}
