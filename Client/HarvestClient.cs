using System.Collections.Concurrent;
using System.Diagnostics;
using HarvestOrleans.Client.Routing;
using HarvestOrleans.Functions;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Invocations;
using HarvestOrleans.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using HarvestOrleans.Resilience;
using Polly;
using Polly.Registry;

namespace HarvestOrleans.Client;

/// <summary>
/// Invokes functions on a HarvestOrleans cluster. Each invocation is placed with the function's route lease (from its
/// FunctionGrain, cached about one load-report interval) and sent straight to the chosen VM's invoker: one grain call.
/// Every call returns exactly one final <see cref="InvocationRecord"/>; it never throws for a function's failure.
/// </summary>
public sealed partial class HarvestClient : IInvocationRouter
{
    private readonly IGrainFactory _grains;
    private readonly RouteCache _routes;
    private readonly WorkerWatch _workers;
    private readonly ReservationLedger _inFlight = new();
    private readonly ConcurrentDictionary<string, IInvokerGrain> _invokers = new(StringComparer.Ordinal); // resolving a string-keyed reference per call is measurable
    private readonly HarvestClientOptions _options;
    private readonly ResiliencePipeline<AttemptOutcome> _routing;
    private readonly ResiliencePipeline _accept;
    private readonly ResiliencePipeline _entityCalls;
    private readonly ILogger<HarvestClient> _logger;
    private readonly ILocalInvoker? _local;

    /// <summary>
    /// Creates the client; its placement retry is the <see cref="HarvestPipelines.ClientRouting"/> pipeline, and
    /// <paramref name="policies"/> are the balancing policies it can pick with (default: the built-in ones). In a silo,
    /// <paramref name="local"/> is the silo's own invoker: invocations placed on its VM are run without a grain call.
    /// </summary>
    public HarvestClient(IGrainFactory grains, IOptions<HarvestClientOptions> options, TimeProvider time, ResiliencePipelineProvider<string> pipelines, ILogger<HarvestClient> logger, BalancingPolicies? policies = null, ILocalInvoker? local = null)
    {
        _local = local;
        _grains = grains;
        _options = options.Value;
        _logger = logger;
        _workers = new WorkerWatch(grains, time, _options.WorkerWatchInterval, logger);
        _routes = new RouteCache(grains, time, _workers, policies ?? new BalancingPolicies());
        _routing = pipelines.GetPipeline<AttemptOutcome>(HarvestPipelines.ClientRouting);
        _accept = pipelines.GetPipeline(HarvestPipelines.AsyncAccept);
        _entityCalls = pipelines.GetPipeline(HarvestPipelines.EntityCalls);
    }

    /// <summary>The route cache, for tests to see what it keeps.</summary>
    internal RouteCache Routes => _routes;

    /// <summary>Invokes <paramref name="function"/> (its latest version, or <paramref name="version"/>) and returns its one final record.</summary>
    public Task<InvocationRecord> InvokeAsync(string function, FunctionPayload payload, string? version = null, CancellationToken cancellationToken = default) =>
        InvokeAsync(function, payload.ToArray(), version, cancellationToken);

    /// <summary>Invokes with <paramref name="input"/> serialised as JSON and returns the one final record.</summary>
    public Task<InvocationRecord> InvokeJsonAsync<TInput>(string function, TInput input, string? version = null, CancellationToken cancellationToken = default) =>
        InvokeAsync(function, FunctionPayload.FromJson(input).ToArray(), version, cancellationToken);

    /// <summary>Invokes with a JSON input and returns the JSON output; throws an <see cref="InvocationException"/> subtype on any other status.</summary>
    public async Task<TOutput?> InvokeAsync<TInput, TOutput>(string function, TInput input, string? version = null, CancellationToken cancellationToken = default)
    {
        var record = await InvokeJsonAsync(function, input, version, cancellationToken).ConfigureAwait(false);
        return record.EnsureSuccess().ReadOutput<TOutput>();
    }

    /// <summary>Invokes with raw bytes and returns the one final record; a payload over the limit is a Rejected record (PayloadTooLarge).</summary>
    public Task<InvocationRecord> InvokeAsync(string function, byte[] payload, string? version = null, CancellationToken cancellationToken = default) =>
        InvokeAsync(Guid.NewGuid(), function, payload, version, cancellationToken);

    /// <summary>Invokes with a caller-chosen invocation id (an async invocation keeps its id across resumes).</summary>
    public Task<InvocationRecord> InvokeAsync(Guid id, string function, byte[] payload, string? version = null, CancellationToken cancellationToken = default) =>
        InvokeAsync(id, function, payload, version, int.MaxValue, int.MaxValue, cancellationToken);

    /// <summary>
    /// Invokes with a caller-chosen invocation id, making at most <paramref name="maxAttempts"/> placement attempts (a
    /// caller with its own retry passes what is left of its budget), at most <paramref name="maxRoutingAttempts"/> of them
    /// where nothing ran; this client's budgets apply within both.
    /// </summary>
    public async Task<InvocationRecord> InvokeAsync(Guid id, string function, byte[] payload, string? version, int maxAttempts, int maxRoutingAttempts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(payload);
        var started = Stopwatch.GetTimestamp();
        InvocationRecord record;
        if (!PayloadLimit.Fits(payload.Length, _options.MaxPayloadBytes))
        {
            record = InvocationRecord.Fail(id, function, version, InvocationStatus.Rejected, InvocationErrorTypes.PayloadTooLarge,
                PayloadLimit.Refusal(payload.Length, _options.MaxPayloadBytes));
        }
        else if (!FunctionSpec.IsValidName(function))
        {
            record = InvocationRecord.Fail(id, function, version, InvocationStatus.NotFound, InvocationErrorTypes.FunctionNotFound,
                $"'{function}' is not a valid function name, so no such function is registered.");
        }
        else
        {
            var invocation = new Invocation(this, new InvocationRequest { InvocationId = id, Function = function, Version = version, Payload = payload }, maxAttempts, maxRoutingAttempts);
            cancellationToken.ThrowIfCancellationRequested(); // as the pipeline would: nothing is sent for a caller already gone
            // Most invocations end at their first attempt: it runs outside the routing pipeline, whose layers of async
            // state cost more than a no-op function. One that is to be retried enters the pipeline with that first
            // outcome as the pipeline's own first attempt, so its backoff, budgets and telemetry are the pipeline's.
            var outcome = await invocation.AttemptAsync(cancellationToken).ConfigureAwait(false);
            if (outcome.Retry)
            {
                invocation.Replay(outcome);
                outcome = await _routing.ExecuteAsync(static (inv, ct) => inv.AttemptAsync(ct), invocation, cancellationToken).ConfigureAwait(false);
            }

            return outcome.Record with { Attempts = invocation.Attempts, LatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds, PlanAgeMs = invocation.PlanAgeMs };
        }

        return record with { LatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds };
    }

    /// <summary>The state of one invocation across its routing attempts.</summary>
    private sealed class Invocation(HarvestClient client, InvocationRequest request, int maxAttempts, int maxRoutingAttempts)
    {
        private HashSet<string>? _failedVms;
        private readonly RetryBudget _budget = new(Math.Min(client._options.MaxRoutingAttempts, maxRoutingAttempts), client._options.MaxExecutionAttempts);

        private AttemptOutcome? _replay;

        public int Attempts { get; private set; }

        /// <summary>How old the plan's view of the VM its last attempt was placed on was (see <see cref="InvocationRecord.PlanAgeMs"/>).</summary>
        public double PlanAgeMs { get; private set; }

        /// <summary>Makes the next <see cref="AttemptAsync"/> return <paramref name="outcome"/>, an attempt already made, without making another.</summary>
        public void Replay(AttemptOutcome outcome) => _replay = outcome;

        /// <summary>One attempt (or the one <see cref="Replay"/> gave); retried (by the routing pipeline) only while the caller's cap allows another.</summary>
        public ValueTask<AttemptOutcome> AttemptAsync(CancellationToken cancellationToken)
        {
            if (_replay is { } made)
            {
                _replay = null;
                return ValueTask.FromResult(made);
            }

            return AttemptOnceAsync(cancellationToken);
        }

        private async ValueTask<AttemptOutcome> AttemptOnceAsync(CancellationToken cancellationToken)
        {
            Attempts++;
            CachedRoute route;
            try
            {
                route = await client._routes.GetAsync(request.Function, request.Version).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The function's grain was unreachable (e.g. moving off a stopping silo): nothing ran, route again.
                return new AttemptOutcome(
                    Failed(InvocationStatus.Rejected, InvocationErrorTypes.RoutingUnavailable, $"Could not route '{request.Function}': {ex.GetType().Name}: {ex.Message}"),
                    Retry: RoutingFailed());
            }

            if (route.Lease.Error is { } error)
            {
                return new AttemptOutcome(Failed(InvocationStatus.NotFound, error.Type, error.Message), Retry: false);
            }

            var plan = route.Plan!;
            var placement = route.Place(_failedVms, client._inFlight, Random.Shared);
            if (placement.VmId is not { } vmId || !route.SiloByVm.TryGetValue(vmId, out var silo))
            {
                client._routes.Invalidate(request.Function, request.Version, route);
                return new AttemptOutcome(
                    Failed(InvocationStatus.Rejected, InvocationErrorTypes.NoCapacity, $"No active VM can run '{request.Function}'."),
                    Retry: RoutingFailed());
            }

            PlanAgeMs = route.PlanAgeMs(vmId, DateTimeOffset.UtcNow); // the wall clock, as the VM stamped its report
            var spec = route.Lease.Spec!; // the routed version's own: a pinned version's timeout and idempotency, not the current one's
            using var reservation = client._inFlight.Reserve(vmId, plan.CoresPerInvocation, spec.MemoryMb); // the planner's cores: what picking counted
            try
            {
                var attempt = request with { Attempt = Attempts, Overload = placement.Overload };
                var record = client._local is { } local && local.SiloAddress == silo
                    ? await RunLocallyAsync(local, attempt, cancellationToken).ConfigureAwait(false)
                    : await client.CallWorkerAsync(silo, attempt, route.Lease.MaxQueueWait + spec.Timeout + client._options.ResponseGrace, cancellationToken).ConfigureAwait(false);

                if (record is { Status: InvocationStatus.Rejected, Error.Type: InvocationErrorTypes.VmDraining })
                {
                    // Nothing ran: route around the draining VM.
                    ExcludeVm(route, vmId);
                    return new AttemptOutcome(record, Retry: RoutingFailed());
                }

                if (record.Status == InvocationStatus.Evicted)
                {
                    // Cut off by its VM's eviction: run it again elsewhere if that is safe.
                    ExcludeVm(route, vmId);
                    return new AttemptOutcome(record, Retry: ExecutionLost(spec.Idempotent));
                }

                return new AttemptOutcome(record, Retry: false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                ExcludeVm(route, vmId);
                var neverRan = ex is WorkerUnavailableException || ex.InnerException is WorkerUnavailableException;
                client.LogWorkerLost(request.Function, request.InvocationId, vmId, neverRan, ex);
                var lost = Failed(InvocationStatus.Evicted, InvocationErrorTypes.WorkerLost,
                    $"VM '{vmId}' was lost while running the invocation: {ex.GetType().Name}: {ex.Message}") with { VmId = vmId };
                return new AttemptOutcome(lost, Retry: neverRan ? RoutingFailed() : ExecutionLost(spec.Idempotent));
            }
        }

        /// <summary>Nothing ran (no VM, a draining VM, a VM already gone): counts against the routing budget, and the caller's cap.</summary>
        private bool RoutingFailed() => _budget.RoutingFailed() && Attempts < maxAttempts;

        /// <summary>An idempotent invocation was cut off while it ran: counts against the re-execution budget, and the caller's cap.</summary>
        private bool ExecutionLost(bool idempotent) => _budget.ExecutionLost(idempotent) && Attempts < maxAttempts;

        private void ExcludeVm(CachedRoute route, string vmId)
        {
            (_failedVms ??= new HashSet<string>(StringComparer.Ordinal)).Add(vmId);
            client._routes.Invalidate(request.Function, request.Version, route);
        }

        private InvocationRecord Failed(InvocationStatus status, string type, string message) =>
            InvocationRecord.Fail(request.InvocationId, request.Function, request.Version, status, type, message);
    }

    /// <summary>
    /// One attempt on another silo's worker, through its invoker grain. Never waits forever: a request lost with a dying
    /// gateway connection gets no answer from Orleans until its long response timeout, so past
    /// <paramref name="bound"/> (the queue wait plus the function's timeout and a grace) the worker is as good as lost;
    /// and when another silo dies meanwhile, the worker is asked for the outcome it may have finished.
    /// </summary>
    private async Task<InvocationRecord> CallWorkerAsync(string silo, InvocationRequest request, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var watch = _workers.Track(silo);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, watch.Lost, watch.AnyDeath);
        wait.CancelAfter(bound);
        var invoker = _invokers.GetOrAdd(silo, static (key, grains) => grains.GetGrain<IInvokerGrain>(key), _grains);
        var pending = invoker.InvokeAsync(request);
        try
        {
            return await pending.WaitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (watch.AnyDeath.IsCancellationRequested && !watch.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return await RecoverOutcomeAsync(invoker, pending, request, watch, bound, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One attempt on this process's own silo, straight to its invoker: no messages and the same answer. No gateway can
    /// lose it and no other silo's death concerns it, and the invoker bounds it itself (its queue wait, and the deadline it
    /// enforces even on a function that ignores cancellation), so only the caller's cancellation is watched. A caller on
    /// a scheduler of its own (a grain's turn, a function's allotted cores) hands the invocation to the thread pool
    /// first, as the grain call would: admitting and recording another invocation is not that caller's work.
    /// </summary>
    private static Task<InvocationRecord> RunLocallyAsync(ILocalInvoker local, InvocationRequest request, CancellationToken cancellationToken)
    {
        var running = TaskScheduler.Current == TaskScheduler.Default ? local.InvokeAsync(request) : Task.Run(() => local.InvokeAsync(request));
        return cancellationToken.CanBeCanceled ? running.WaitAsync(cancellationToken) : running;
    }

    /// <summary>
    /// A silo died while the call was out, and the worker is still alive: the call's request or response may have gone
    /// through the dead silo as a gateway, and Orleans would leave it unanswered (dotnet/orleans#10165). Ask the worker
    /// for the outcome through a live gateway — a running invocation is awaited there — and take whichever answer
    /// comes first. A worker that does not know the invocation is treated as lost (retried only if idempotent).
    /// </summary>
    private async Task<InvocationRecord> RecoverOutcomeAsync(
        IInvokerGrain invoker, Task<InvocationRecord> pending, InvocationRequest request, WorkerWatch.WatchedCall watch, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, watch.Lost);
        wait.CancelAfter(bound);
        while (true)
        {
            LogRecoveringOutcome(request.Function, request.InvocationId);
            using var asking = _workers.TrackCall();
            var found = invoker.FindOutcomeAsync(request.InvocationId);
            using var round = CancellationTokenSource.CreateLinkedTokenSource(wait.Token, asking.AnyDeath);
            try
            {
                var first = await Task.WhenAny((Task)pending, found).WaitAsync(round.Token).ConfigureAwait(false);
                if (first == pending)
                {
                    return await pending.ConfigureAwait(false);
                }

                InvocationRecord? record;
                try
                {
                    record = await found.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Asking failed (the worker is gone too): that says nothing of whether the invocation ran there.
                    throw new InvocationOutcomeUnknownException($"Could not ask invoker {invoker.GetPrimaryKeyString()} about invocation {request.InvocationId}: {ex.GetType().Name}: {ex.Message}");
                }

                return record ?? throw new InvocationOutcomeUnknownException($"Invoker {invoker.GetPrimaryKeyString()} does not know invocation {request.InvocationId}.");
            }
            catch (OperationCanceledException) when (asking.AnyDeath.IsCancellationRequested && !wait.IsCancellationRequested)
            {
                // Another silo died while asking: ask again through what is left.
            }
        }
    }

    /// <summary>The worker is alive but does not know the invocation: it never arrived, or finished long ago.</summary>
    private sealed class InvocationOutcomeUnknownException(string message) : Exception(message);

    /// <summary>One attempt's record, and whether the invocation's budgets allow another (the routing pipeline's result).</summary>
    internal sealed record AttemptOutcome(InvocationRecord Record, bool Retry);

    [LoggerMessage(Level = LogLevel.Information, Message = "Asking the worker for the outcome of invocation {InvocationId} of '{Function}' (a silo died while it was out)")]
    private partial void LogRecoveringOutcome(string function, Guid invocationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invocation {InvocationId} of '{Function}' lost its worker VM {VmId} (never ran there: {NeverRan})")]
    private partial void LogWorkerLost(string function, Guid invocationId, string vmId, bool neverRan, Exception exception);
}
