using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.Diagnostics;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Invocations;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Storage;
using Polly;
using Polly.Registry;

namespace HarvestOrleans.Grains.Invoker;

/// <summary>The durable part of an async invocation.</summary>
[GenerateSerializer, Alias("HarvestOrleans.AsyncInvocationGrainState")]
public sealed class AsyncInvocationGrainState
{
    [Id(0)] public InvocationRequest? Request { get; set; }

    [Id(1)] public DateTimeOffset AcceptedAt { get; set; }

    [Id(2)] public string? AcceptedBy { get; set; }

    [Id(3)] public int Dispatches { get; set; }

    [Id(4)] public InvocationRecord? Final { get; set; }

    /// <summary>When <see cref="Final"/> was stored: its retention counts from here.</summary>
    [Id(5)] public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>
    /// Placement attempts spent so far against <see cref="AsyncInvocationOptions.MaxAttempts"/>, stored before each retry
    /// (a call cut off with its silo counts as one).
    /// </summary>
    [Id(6)] public int Attempts { get; set; }

    /// <summary>The scope of the request that submitted it (<see cref="CallerScope"/>): what its function may call when it runs.</summary>
    [Id(7)] public string? Scope { get; set; }
}

/// <summary>
/// Runs one async invocation to exactly one final record. The request is stored before the caller hears "accepted";
/// a reminder keeps the invocation alive across the loss of its silo (on a tick, or on any read, a new activation
/// resumes it). Placed on the accepting silo, so a trigger's acceptance costs no extra hop. The final record is
/// served only once storage has it, and is deleted after <see cref="AsyncInvocationOptions.Retention"/>.
/// </summary>
[PreferLocalPlacement]
internal sealed partial class AsyncInvocationGrain(
    [PersistentState("async", HarvestStorage.ProviderName)] IPersistentState<AsyncInvocationGrainState> state,
    IInvocationRouter client,
    IFunctionCatalog catalog,
    HarvestMetrics metrics,
    LocalGrainRegistry local,
    InFlightInvocations inFlight,
    IOptions<AsyncInvocationOptions> options,
    TimeProvider time,
    ResiliencePipelineProvider<string> pipelines,
    ILogger<AsyncInvocationGrain> logger) : Grain, IAsyncInvocationGrain, IRemindable, IEvacuatingGrain
{
    private const string ResumeReminder = "resume";
    private const string ExpireReminder = "expire";
    private static readonly TimeSpan MaxReminderDue = TimeSpan.FromDays(30); // Orleans bounds a reminder's due time (~49 days)
    private Task? _run;
    private string? _evacuateTo;
    private bool _accepting; // a read interleaved with the accepting writes must not start a second run
    private bool _storingFinal; // the final record is being written: until storage has it, nobody is told of it

    private readonly ResiliencePipeline<InvocationRecord> _capacityRetry = pipelines.GetPipeline<InvocationRecord>(HarvestPipelines.AsyncCapacity);
    private readonly ResiliencePipeline _finalWrite = pipelines.GetPipeline(HarvestPipelines.AsyncFinalWrite);

    /// <summary>
    /// Whether a record is a rejection for capacity or routing: nothing ran, so an async invocation (whose caller is not
    /// waiting) tries again later, within its budget.
    /// </summary>
    internal static bool IsCapacityRejection(InvocationRecord record) =>
        record is { Status: InvocationStatus.Rejected, Error.Type: var type }
        && type is InvocationErrorTypes.NoCapacity or InvocationErrorTypes.RoutingUnavailable or InvocationErrorTypes.VmDraining
            or InvocationErrorTypes.QueueFull or InvocationErrorTypes.QueueWaitExceeded;

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
            state.State.Scope = CallerScope.Capture();
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

    public async Task<AsyncInvocation> GetAsync()
    {
        if (StoredFinal is not null && RetentionLeft() <= TimeSpan.Zero)
        {
            await ExpireAsync(); // its expiry tick may be late (or predate retention): a read never outlives it
        }

        StartRunIfUnfinished();
        return View();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Request is null)
        {
            await ForgetReminderAsync(reminderName); // nothing stored (never accepted, or already expired)
            return;
        }

        if (StoredFinal is not null)
        {
            if (reminderName == ResumeReminder)
            {
                await ForgetReminderAsync(ResumeReminder); // finished: a failed forget at the finish ends here
            }

            await ExpireWhenDueAsync();
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
            if (state.State.Dispatches > 1)
            {
                state.State.Attempts++; // the call cut off with the previous silo: its attempts count as one
            }

            await state.WriteStateAsync();
            DelayDeactivation(TimeSpan.FromMinutes(10)); // a long function must not see its record grain collected
            // Nothing ran on a rejection for capacity or routing: an async caller is not waiting, so try again later —
            // within one budget of attempts that the client's own retries spend too (see HarvestPipelines).
            CallerScope.Restore(state.State.Scope); // a reminder or a reader may have started this run: the submitter's scope applies
            var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: true); // stay on the grain's scheduler
            InvocationRecord record;
            using var running = inFlight.Track(); // a drain of this silo waits for it, wherever it runs
            try
            {
                var retry = false;
                record = await _capacityRetry.ExecuteAsync(
                    async _ =>
                    {
                        if (retry)
                        {
                            await state.WriteStateAsync(); // what was spent is stored before more is
                        }

                        retry = true;
                        var left = Math.Max(1, options.Value.MaxAttempts - state.State.Attempts);
                        // One attempt where nothing ran per call: this pipeline's back-off spaces them (a killed
                        // silo takes seconds to be declared dead; the client's quick retries would spend the budget first).
                        var outcome = await client.InvokeAsync(Id, request.Function, request.Payload, request.Version, left, maxRoutingAttempts: 1);
                        state.State.Attempts += Math.Max(1, outcome.Attempts);
                        return outcome with { Attempts = state.State.Attempts };
                    },
                    context);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            await FinishAsync(record);
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
        await StoreFinalAsync(record with { Id = Id });
        metrics.RecordAsyncCompleted(record, time.GetUtcNow() - state.State.AcceptedAt);
        LogCompleted(Id, record.Function, record.Status);
        await ForgetReminderAsync(ResumeReminder);
        await ExpireWhenDueAsync();
    }

    /// <summary>
    /// Store first, then publish: while the write is under way no reader is served the record (reads interleave with
    /// it), and a write that fails leaves nothing behind that storage does not have. A failed write is retried with the
    /// same record; if it still fails the run ends unfinished and resumes from storage, as after a lost silo.
    /// </summary>
    private async Task StoreFinalAsync(InvocationRecord final)
    {
        var attempt = 0;
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: true); // stay on the grain's scheduler
        try
        {
            await _finalWrite.ExecuteAsync(
                async _ =>
                {
                    attempt++;
                    _storingFinal = true;
                    state.State.Final = final;
                    state.State.FinishedAt = time.GetUtcNow();
                    try
                    {
                        await state.WriteStateAsync();
                    }
                    catch (Exception ex)
                    {
                        // Nothing is kept that storage lacks. Another activation may have written first (its record is
                        // the one storage has; not retried), or storage stays unreachable.
                        (state.State.Final, state.State.FinishedAt) = (null, null);
                        if (ex is not InconsistentStateException && attempt < HarvestPipelines.FinalWriteAttempts)
                        {
                            LogFinalWriteFailed(Id, attempt, ex);
                        }

                        throw;
                    }
                    finally
                    {
                        _storingFinal = false;
                    }
                },
                context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The final record, once storage has it; null before (and while it is being written).</summary>
    private InvocationRecord? StoredFinal => _storingFinal ? null : state.State.Final;

    private TimeSpan RetentionLeft() =>
        options.Value.Retention - (time.GetUtcNow() - (state.State.FinishedAt ?? state.State.Final?.CompletedAt ?? state.State.AcceptedAt));

    /// <summary>Deletes a finished record whose retention is over, or sets the reminder that will.</summary>
    private async Task ExpireWhenDueAsync()
    {
        var left = RetentionLeft();
        if (left <= TimeSpan.Zero)
        {
            await ExpireAsync();
            return;
        }

        // Durable, so the record expires even if nothing reads it and its silo goes away; the period retries a failed delete.
        await this.RegisterOrUpdateReminder(ExpireReminder, left < MaxReminderDue ? left : MaxReminderDue, options.Value.ResumeInterval);
    }

    /// <summary>The retention is over: the record leaves storage, its id reads as unknown, and the grain goes away.</summary>
    private async Task ExpireAsync()
    {
        await state.ClearStateAsync();
        state.State = new AsyncInvocationGrainState();
        LogExpired(Id);
        DeactivateOnIdle();
        await ForgetReminderAsync(ExpireReminder);
    }

    private async Task ForgetReminderAsync(string name)
    {
        if (await this.GetReminder(name) is { } reminder)
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
                : StoredFinal is not null ? AsyncInvocationState.Completed
                : s.Dispatches > 0 ? AsyncInvocationState.Running
                : AsyncInvocationState.Accepted,
            Function = s.Request?.Function,
            AcceptedAt = s.AcceptedAt,
            AcceptedBy = s.AcceptedBy,
            Dispatches = s.Dispatches,
            Record = StoredFinal,
        };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Async invocation {InvocationId} of '{Function}' completed: {Status}")]
    private partial void LogCompleted(Guid invocationId, string function, InvocationStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Async invocation {InvocationId}: storing its final record failed (attempt {Attempt}); trying again")]
    private partial void LogFinalWriteFailed(Guid invocationId, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Async invocation {InvocationId} expired: its record was deleted")]
    private partial void LogExpired(Guid invocationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Async invocation {InvocationId} could not finish here; it resumes from storage")]
    private partial void LogRunFailed(Guid invocationId, Exception exception);
}
