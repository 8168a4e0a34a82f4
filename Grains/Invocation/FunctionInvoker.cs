using System.Collections.Concurrent;
using System.Diagnostics;
using HarvestOrleans.Cluster;
using HarvestOrleans.Diagnostics;
using HarvestOrleans.FunctionHosting;
using HarvestOrleans.Functions;
using HarvestOrleans.Invocations;
using HarvestOrleans.Options;
using HarvestOrleans.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Invocation;

/// <summary>
/// This silo's invoker: runs invocations within the VM's current cores and turns every outcome into a record.
/// Everything here runs off the grain scheduler (ConfigureAwait(false)) so that one invoker activation is never the
/// bottleneck of its VM.
/// </summary>
public sealed partial class FunctionInvoker : IAsyncDisposable
{
    private readonly IFunctionCatalog _catalog;
    private readonly WarmPool _instances;
    private readonly InvokerOptions _options;
    private readonly HarvestMetrics _metrics;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly FunctionUsageAccumulator _usage = new();
    private readonly Queue<(double Cores, double MemoryMb)> _peaks = new();
    private readonly ConcurrentDictionary<string, ILogger> _functionLoggers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _evicting = new();
    private volatile VmState _state = VmState.Active;

    public FunctionInvoker(
        IFunctionCatalog catalog,
        WarmPool instances,
        IOptions<InvokerOptions> options,
        VmIdentity vm,
        HarvestMetrics metrics,
        ILoggerFactory loggerFactory,
        TimeProvider time)
    {
        _time = time;
        _catalog = catalog;
        _instances = instances;
        _options = options.Value;
        _metrics = metrics;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<FunctionInvoker>();
        VmId = vm.VmId;
        Admission = new AdmissionQueue(vm.InitialCores, _options.QueueCapacity);
        _metrics.ObserveInvoker(this);
    }

    public string VmId { get; }

    public VmState State => _state;

    public AdmissionQueue Admission { get; }

    /// <summary>
    /// Applies the VM's cores and state. Leaving Active closes admission before anything else: once this returns nothing
    /// more is admitted (not even a request that passed the state check earlier and is still looking up its function),
    /// waiting invocations are turned away, and <see cref="AdmissionQueue.Running"/> only falls, so a drain that sees
    /// it at zero has nothing left to wait for on this invoker. Active opens admission again.
    /// </summary>
    public void ApplyVmState(double cores, VmState state)
    {
        if (state != VmState.Active)
        {
            // Waiting invocations never ran: turn them away now so their callers route elsewhere at once.
            Admission.Close(new AdmissionCancelledException($"VM '{VmId}' is {state} and takes no new invocations."));
        }

        Admission.Resize(cores);
        if (_state != state)
        {
            LogStateChanged(VmId, _state, state);
        }

        _state = state;
        if (state == VmState.Active)
        {
            Admission.Open();
        }
    }

    /// <summary>
    /// The VM is going away now: every invocation still running ends with an Evicted record (its caller retries it
    /// elsewhere if the function is idempotent). Its function's token is cancelled too.
    /// </summary>
    public void EvictRunning()
    {
        LogEvictingRunning(VmId, Admission.Running);
        _evicting.Cancel();
    }

    public async Task<InvocationRecord> InvokeAsync(InvocationRequest request)
    {
        var received = Stopwatch.GetTimestamp();
        var record = await RunAsync(request, received).ConfigureAwait(false);
        _metrics.RecordInvocation(record);
        if (record.Status is InvocationStatus.Succeeded or InvocationStatus.Failed or InvocationStatus.TimedOut or InvocationStatus.Evicted)
        {
            _usage.Record(request.Function, record.ExecutionMs, request.Overload, evicted: record.Status == InvocationStatus.Evicted);
        }

        return record;
    }

    private async Task<InvocationRecord> RunAsync(InvocationRequest request, long received)
    {
        if (_state != VmState.Active)
        {
            return Reject(request, InvocationErrorTypes.VmDraining, $"VM '{VmId}' is {_state} and takes no new invocations.");
        }

        if (request.Payload.Length > _options.MaxPayloadBytes)
        {
            return Reject(request, InvocationErrorTypes.PayloadTooLarge,
                $"Payload of {request.Payload.Length} bytes exceeds the limit of {_options.MaxPayloadBytes} bytes.");
        }

        FunctionRegistration? registration;
        try
        {
            registration = await _catalog.FindAsync(request.Function, request.Version).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The package catalog could not be read (its registry is moving or unreachable): the caller may retry elsewhere.
            return Reject(request, InvocationErrorTypes.RoutingUnavailable, $"The function catalog could not be read on VM '{VmId}': {ex.Message}");
        }

        if (registration is null)
        {
            return InvocationRecord.Fail(request.InvocationId, request.Function, request.Version, InvocationStatus.NotFound,
                InvocationErrorTypes.FunctionNotFound, NotFoundMessage(request.Function, request.Version), VmId);
        }

        var spec = registration.Spec;
        var ticket = new AdmissionTicket(registration.Key, spec.Cores, spec.MemoryMb, spec.MaxConcurrency);
        if (!Admission.TryEnqueue(ticket))
        {
            return Reject(request, InvocationErrorTypes.QueueFull,
                $"The invocation queue of VM '{VmId}' is full ({_options.QueueCapacity} waiting).");
        }

        // The ticket decides between admission and the queue-wait timeout: once admitted it runs (and is released when
        // it ends), however late its timer fires.
        bool admitted;
        try
        {
            admitted = await Admission.WaitAsync(ticket, _options.MaxQueueWait, _time).ConfigureAwait(false);
        }
        catch (AdmissionCancelledException ex)
        {
            return Reject(request, InvocationErrorTypes.VmDraining, ex.Message);
        }

        if (!admitted)
        {
            return Reject(request, InvocationErrorTypes.QueueWaitExceeded,
                $"Waited {_options.MaxQueueWait.TotalSeconds:0.#} s for {spec.Cores} core(s) on VM '{VmId}' ({Admission.Cores} cores, {Admission.CoresInUse} in use).");
        }

        var queueWaitMs = Stopwatch.GetElapsedTime(received).TotalMilliseconds;
        return await ExecuteAsync(request, registration, ticket, queueWaitMs).ConfigureAwait(false);
    }

    /// <summary>Runs an admitted invocation. The ticket's cores are released when the function's task really ends,
    /// which for a function that ignores cancellation is after its caller already got TimedOut.</summary>
    private async Task<InvocationRecord> ExecuteAsync(InvocationRequest request, FunctionRegistration registration, AdmissionTicket ticket, double queueWaitMs)
    {
        var spec = registration.Spec;
        var deadline = DateTimeOffset.UtcNow + spec.Timeout;
        // One token for the function: it fires at the deadline, or when the VM is evicted under it.
        var cts = CancellationTokenSource.CreateLinkedTokenSource(_evicting.Token);
        cts.CancelAfter(spec.Timeout);
        var deadlineToken = cts.Token;
        var logger = new CapturingLogger(
            _functionLoggers.GetOrAdd(spec.Name, static (name, factory) => factory.CreateLogger($"HarvestOrleans.Functions.{name}"), _loggerFactory),
            _options.MaxLogLines);
        var context = new FunctionContext(request.InvocationId, spec, VmId, Math.Max(1, (int)Math.Ceiling(spec.Cores)), deadline, logger, request.Attempt);

        double initMs = 0, executionMs = 0;
        var coldStart = false;
        var initialised = false;
        var started = Stopwatch.GetTimestamp();
        var work = Task.Run(async () =>
        {
            WarmPool.WarmLease warm;
            try
            {
                warm = await _instances.AcquireAsync(registration, deadlineToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new FunctionInitializationException(spec.Name, ex);
            }

            (coldStart, initMs, initialised) = (warm.ColdStart, warm.InitMs, true);
            var execStarted = Stopwatch.GetTimestamp();
            try
            {
                return await warm.Function.InvokeAsync(new FunctionPayload(request.Payload), context, deadlineToken).ConfigureAwait(false);
            }
            finally
            {
                executionMs = Stopwatch.GetElapsedTime(execStarted).TotalMilliseconds;
                warm.Release(); // only now may the keep-alive clock start and the instance be unloaded
            }
        });

        // The function's end releases its cores, whenever that is; the deadline token's timer is freed by whichever
        // of the caller and the function finishes last.
        var scope = new ExecutionScope(Admission, ticket, cts);
        _ = work.ContinueWith(static (_, state) => ((ExecutionScope)state!).FunctionEnded(), scope, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        InvocationStatus status;
        byte[]? output = null;
        InvocationError? error = null;
        try
        {
            var result = await work.WaitAsync(deadlineToken).ConfigureAwait(false);
            status = InvocationStatus.Succeeded;
            output = result.ToArray();
        }
        catch (OperationCanceledException) when (_evicting.IsCancellationRequested)
        {
            status = InvocationStatus.Evicted;
            error = new InvocationError(InvocationErrorTypes.VmEvicted, $"VM '{VmId}' was evicted while '{spec.Name}' ran.");
        }
        catch (OperationCanceledException) when (deadlineToken.IsCancellationRequested)
        {
            status = InvocationStatus.TimedOut;
            // A load cut off by the deadline has left the warm pool: the next invocation loads afresh.
            error = new InvocationError(InvocationErrorTypes.Timeout, Volatile.Read(ref initialised)
                ? $"'{spec.Name}' ran past its timeout of {spec.Timeout.TotalSeconds:0.###} s."
                : $"'{spec.Name}' did not load and initialise within its timeout of {spec.Timeout.TotalSeconds:0.###} s.");
            if (!work.IsCompleted)
            {
                LogIgnoredCancellation(spec.Name, request.InvocationId, VmId);
            }
        }
        catch (FunctionInitializationException ex) when (ex.InnerException is FunctionLoadTimeoutException timeout)
        {
            // Its load's own bound (the same timeout) fired a moment before this invocation's deadline: the same outcome.
            status = InvocationStatus.TimedOut;
            error = new InvocationError(InvocationErrorTypes.Timeout, timeout.Message);
        }
        catch (FunctionInitializationException ex)
        {
            status = InvocationStatus.Failed;
            error = new InvocationError(InvocationErrorTypes.InitializationFailed, ex.Message);
        }
        catch (FunctionInputException ex)
        {
            // The input could not be read (not UTF-8, not JSON for the function's input type): the caller's error.
            status = InvocationStatus.Rejected;
            error = new InvocationError(InvocationErrorTypes.InvalidRequest, ex.Message);
        }
        catch (Exception ex)
        {
            status = InvocationStatus.Failed;
            error = new InvocationError(ex.GetType().FullName ?? ex.GetType().Name, ex.Message);
        }

        scope.CallerDone();
        if (status != InvocationStatus.Succeeded && executionMs == 0)
        {
            executionMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds - initMs;
        }

        return new InvocationRecord
        {
            Id = request.InvocationId,
            Function = spec.Name,
            Version = spec.Version,
            Status = status,
            Output = output,
            Error = error,
            VmId = VmId,
            QueueWaitMs = queueWaitMs,
            InitMs = initMs,
            ExecutionMs = Math.Max(0, executionMs),
            ColdStart = coldStart,
            Attempts = request.Attempt,
            Overload = request.Overload,
            Logs = logger.Lines,
            CompletedAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>The VM's load now, with the peak over the last few report intervals.</summary>
    public VmLoad SampleLoad()
    {
        var peak = Admission.TakePeak();
        _peaks.Enqueue(peak);
        while (_peaks.Count > _options.PeakWindowReports)
        {
            _peaks.Dequeue();
        }

        return new VmLoad
        {
            CoresInUse = Admission.CoresInUse,
            MemoryInUseMb = Admission.MemoryInUseMb,
            QueueLength = Admission.QueueLength,
            Running = Admission.Running,
            RecentPeakCores = _peaks.Max(p => p.Cores),
            RecentPeakMemoryMb = _peaks.Max(p => p.MemoryMb),
            WarmFunctions = _instances.WarmFunctions,
            ReportedAt = DateTimeOffset.UtcNow,
        };
    }

    public IReadOnlyList<(string Function, FunctionUsageReport Report)> DrainUsage() => _usage.Drain(VmId);

    private InvocationRecord Reject(InvocationRequest request, string type, string message) =>
        InvocationRecord.Fail(request.InvocationId, request.Function, request.Version, InvocationStatus.Rejected, type, message, VmId) with
        {
            Attempts = request.Attempt,
            Overload = request.Overload,
        };

    public static string NotFoundMessage(string function, string? version) => version is null
        ? $"Function '{function}' is not registered."
        : $"Function '{function}' has no version '{version}'.";

    public ValueTask DisposeAsync() => Admission.DisposeAsync();
}
