using HarvestOrleans.Client;
using HarvestOrleans.Cluster;
using HarvestOrleans.Diagnostics;
using HarvestOrleans.Eviction;
using HarvestOrleans.FunctionHosting;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Invocations;
using HarvestOrleans.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Polly;
using Polly.Retry;

namespace HarvestOrleans.Invocation;

/// <summary>The durable part of an async invocation.</summary>
[GenerateSerializer, Alias("HarvestOrleans.AsyncInvocationGrainState")]
public sealed class AsyncInvocationGrainState
{
    [Id(0)] public InvocationRequest? Request { get; set; }

    [Id(1)] public DateTimeOffset AcceptedAt { get; set; }

    [Id(2)] public string? AcceptedBy { get; set; }

    [Id(3)] public int Dispatches { get; set; }

    [Id(4)] public InvocationRecord? Final { get; set; }
}

/// <summary>
/// Runs one async invocation to exactly one final record. The request is stored before the caller hears "accepted";
/// a reminder keeps the invocation alive across the loss of its silo (on a tick, or on any read, a new activation
/// resumes it). Placed on the accepting silo, so a trigger's acceptance costs no extra hop.
/// </summary>
[PreferLocalPlacement]
internal sealed partial class AsyncInvocationGrain(
    [PersistentState("async", HarvestStorage.ProviderName)] IPersistentState<AsyncInvocationGrainState> state,
    HarvestClient client,
    IFunctionCatalog catalog,
    HarvestMetrics metrics,
    LocalGrainRegistry local,
    InFlightInvocations inFlight,
    IOptions<AsyncInvocationOptions> options,
    TimeProvider time,
    ILogger<AsyncInvocationGrain> logger) : Grain, IAsyncInvocationGrain, IRemindable, IEvacuatingGrain
{
    private const string ResumeReminder = "resume";
    private Task? _run;
    private string? _evacuateTo;
    private bool _accepting; // a read interleaved with the accepting writes must not start a second run

    private static readonly ResiliencePipeline<InvocationRecord> CapacityRetry = new ResiliencePipelineBuilder<InvocationRecord>()
        .AddRetry(new RetryStrategyOptions<InvocationRecord>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Status: InvocationStatus.Rejected, Error.Type: var type }
                && type is InvocationErrorTypes.NoCapacity or InvocationErrorTypes.RoutingUnavailable or InvocationErrorTypes.VmDraining
                    or InvocationErrorTypes.QueueFull or InvocationErrorTypes.QueueWaitExceeded),
            MaxRetryAttempts = 6,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(5),
            UseJitter = true,
        })
        .Build();

    private Guid Id => this.GetPrimaryKey();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A new activation of an unfinished invocation means its previous silo went away (or it was moved): resume.
        StartRunIfUnfinished();
        return local.AddAsync(this);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => local.RemoveAsync(this);

    public async Task<AsyncInvocation> AcceptAsync(InvocationRequest request, string acceptedBy)
    {
        if (state.State.Request is not null)
        {
            return View(); // accepted before: the same id again changes nothing
        }

        _accepting = true;
        try
        {
            // The reminder first: a stored request without one could wait for a reader forever.
            await this.RegisterOrUpdateReminder(ResumeReminder, options.Value.ResumeInterval, options.Value.ResumeInterval);
            state.State.Request = request with { InvocationId = Id };
            state.State.AcceptedAt = time.GetUtcNow();
            state.State.AcceptedBy = acceptedBy;
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored, so not accepted: the caller hears the error and nothing here pretends otherwise.
            state.State.Request = null;
            throw;
        }
        finally
        {
            _accepting = false;
        }

        metrics.RecordAsyncAccepted(request.Function);
        StartRunIfUnfinished();
        return View();
    }

    public Task<AsyncInvocation> GetAsync()
    {
        StartRunIfUnfinished();
        return Task.FromResult(View());
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Final is not null || state.State.Request is null)
        {
            await ForgetReminderAsync();
            return;
        }

        StartRunIfUnfinished();
    }

    public Task EvacuateAsync(string targetSilo)
    {
        // Stored state makes a move cheap; a running invocation first finishes here (its VM drains until the deadline).
        _evacuateTo = targetSilo;
        return _run is { IsCompleted: false } ? Task.CompletedTask : this.MigrateToAsync(targetSilo);
    }

    private void StartRunIfUnfinished()
    {
        if (!_accepting && state.State is { Request: not null, Final: null } && _run is not { IsCompleted: false })
        {
            _run = RunAsync();
        }
    }

    private async Task RunAsync()
    {
        var request = state.State.Request!;
        try
        {
            if (state.State.Dispatches > 0 && await ResumeRefusalAsync(request) is { } refusal)
            {
                await FinishAsync(refusal);
                return;
            }

            state.State.Dispatches++;
            await state.WriteStateAsync();
            DelayDeactivation(TimeSpan.FromMinutes(10)); // a long function must not see its record grain collected
            // Nothing ran on a rejection for capacity or routing: an async caller is not waiting, so try again later.
            var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: true); // stay on the grain's scheduler
            InvocationRecord record;
            using var running = inFlight.Track(); // a drain of this silo waits for it, wherever it runs
            try
            {
                record = await CapacityRetry.ExecuteAsync(
                    async _ => await client.InvokeAsync(Id, request.Function, request.Payload, request.Version),
                    context);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            await FinishAsync(record with { Attempts = record.Attempts + state.State.Dispatches - 1 });
        }
        catch (Exception ex)
        {
            // Storage unreachable, or a second activation won the write (an inconsistent-state error): the stored state
            // stays unfinished and the reminder or the next read resumes from it.
            LogRunFailed(Id, ex);
            DeactivateOnIdle();
        }
        finally
        {
            if (_evacuateTo is { } target)
            {
                await this.MigrateToAsync(target);
            }
        }
    }

    /// <summary>An invocation that may have run already is run again only if that is safe and within the budget.</summary>
    private async Task<InvocationRecord?> ResumeRefusalAsync(InvocationRequest request)
    {
        var registration = await catalog.FindAsync(request.Function, request.Version);
        if (registration is not { Spec.Idempotent: true })
        {
            return Lost(request, "it is not idempotent, so it was not run again");
        }

        return state.State.Dispatches >= options.Value.MaxDispatches
            ? Lost(request, $"it was sent to run {state.State.Dispatches} times, the limit")
            : null;
    }

    private InvocationRecord Lost(InvocationRequest request, string why) =>
        InvocationRecord.Fail(Id, request.Function, request.Version, InvocationStatus.Evicted, InvocationErrorTypes.WorkerLost,
            $"The silo holding this async invocation went away while it ran; {why}.") with { Attempts = state.State.Dispatches };

    private async Task FinishAsync(InvocationRecord record)
    {
        state.State.Final = record with { Id = Id };
        await state.WriteStateAsync();
        metrics.RecordAsyncCompleted(record, time.GetUtcNow() - state.State.AcceptedAt);
        LogCompleted(Id, record.Function, record.Status);
        await ForgetReminderAsync();
    }

    private async Task ForgetReminderAsync()
    {
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private AsyncInvocation View()
    {
        var s = state.State;
        return new AsyncInvocation
        {
            Id = Id,
            State = s.Request is null ? AsyncInvocationState.Unknown
                : s.Final is not null ? AsyncInvocationState.Completed
                : s.Dispatches > 0 ? AsyncInvocationState.Running
                : AsyncInvocationState.Accepted,
            Function = s.Request?.Function,
            AcceptedAt = s.AcceptedAt,
            AcceptedBy = s.AcceptedBy,
            Dispatches = s.Dispatches,
            Record = s.Final,
        };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Async invocation {InvocationId} of '{Function}' completed: {Status}")]
    private partial void LogCompleted(Guid invocationId, string function, InvocationStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Async invocation {InvocationId} could not finish here; it resumes from storage")]
    private partial void LogRunFailed(Guid invocationId, Exception exception);
}
