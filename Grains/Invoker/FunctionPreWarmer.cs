using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Diagnostics;
using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// Warms a function on this VM ahead of the traffic an eviction notice will move here. The load holds the function's
/// cores like an invocation's cold start, but yields to work: it is admitted only when nothing waits and its cores fit,
/// trying again every <see cref="NoticeHandover.RetryInterval"/> until its wait ends.
/// </summary>
internal sealed class FunctionPreWarmer(
    IFunctionCatalog catalog,
    WarmPool instances,
    AdmissionQueue admission,
    Func<VmState> state,
    HarvestMetrics metrics,
    TimeProvider time)
{
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

        var spec = registration.Spec;
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

            var ticket = new AdmissionTicket(registration.Key, spec.Cores, spec.MemoryMb, spec.MaxConcurrency);
            if (admission.TryAdmitIdle(ticket))
            {
                try
                {
                    return await instances.PreWarmAsync(registration, until - time.GetUtcNow(), time).ConfigureAwait(false);
                }
                finally
                {
                    admission.Release(ticket);
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
}
