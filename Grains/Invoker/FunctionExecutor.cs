using System.Collections.Concurrent;
using System.Diagnostics;
using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.Functions;
using HarvestOrleans.Invocations;
using HarvestOrleans.Grains.Options;
using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// Runs admitted invocations: takes the function's warm instance (loading it on a cold start), calls it with its
/// context and deadline on its own <see cref="InvocationScheduler"/> (its allotted cores, measured), and turns how it
/// ended into an outcome. The ticket's cores are released when the function's work really ends (its task, and every
/// run of its work on the scheduler), which for a function that ignores cancellation is after its caller got TimedOut.
/// </summary>
internal sealed partial class FunctionExecutor(
    string vmId,
    AdmissionQueue admission,
    WarmPool instances,
    EvictionSignal eviction,
    VmCpuMeter cpuMeter,
    InvokerOptions options,
    ILoggerFactory loggerFactory,
    ILogger logger,
    FunctionCallRouter? calls)
{
    private readonly ConcurrentDictionary<string, ILogger> _functionLoggers = new(StringComparer.Ordinal);

    public async Task<InvocationRecord> ExecuteAsync(InvocationRequest request, FunctionRegistration registration, ResourceGrant grant, AdmissionTicket ticket, double queueWaitMs)
    {
        var spec = registration.Spec;
        var deadline = new InvocationDeadline(spec, eviction);
        var deadlineToken = deadline.Token;
        var capturing = new CapturingLogger(
            _functionLoggers.GetOrAdd(spec.Name, static (name, factory) => factory.CreateLogger($"HarvestOrleans.Functions.{name}"), loggerFactory),
            options.MaxLogLines);
        var context = new FunctionContext(request.InvocationId, spec, vmId, AllottedCores(grant.Cores), deadline.At, capturing, request.Attempt, calls?.For(deadlineToken));
        var scheduler = new InvocationScheduler(context.AllottedCores, options.MeasureResources ? cpuMeter : null);

        double initMs = 0, executionMs = 0;
        var coldStart = false;
        var initialised = false;
        var started = Stopwatch.GetTimestamp();
        // The function's end releases its cores, whenever that is (for one that ignores its deadline, after its caller
        // got TimedOut); the deadline token's timer is freed by whichever of the caller and the function finishes last.
        var scope = new ExecutionScope(admission, ticket, deadline.Source);
        var work = Task.Run(async () =>
        {
            try
            {
                WarmPool.WarmInstance warm;
                try
                {
                    warm = await instances.AcquireAsync(registration, deadlineToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw new FunctionInitializationException(spec.Name, ex);
                }

                (coldStart, initMs, initialised) = (warm.ColdStart, warm.InitMs, true);
                var execStarted = Stopwatch.GetTimestamp();
                try
                {
                    // On its own scheduler the function's work gets at most its allotted cores and is measured; the load
                    // above stays off it (a cold start is not the invocation's execution).
                    var payload = new FunctionPayload(request.Payload);
                    return await scheduler.Run(() => warm.Function.InvokeAsync(payload, context, deadlineToken)).ConfigureAwait(false);
                }
                finally
                {
                    executionMs = Stopwatch.GetElapsedTime(execStarted).TotalMilliseconds;
                    warm.Release(); // only now may the keep-alive clock start and the instance be unloaded
                }
            }
            finally
            {
                scope.FunctionEnded();
            }
        });

        InvocationOutcome outcome;
        try
        {
            var result = await deadline.WaitAsync(work).ConfigureAwait(false);
            outcome = InvocationOutcome.Succeeded(result.ToArray());
        }
        catch (OperationCanceledException) when (deadline.Evicted)
        {
            outcome = deadline.EvictedOutcome(vmId);
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            outcome = deadline.TimedOutOutcome(Volatile.Read(ref initialised));
            if (!work.IsCompleted)
            {
                LogIgnoredCancellation(logger, spec.Name, request.InvocationId, vmId);
            }
        }
        catch (FunctionInitializationException ex) when (ex.InnerException is FunctionLoadTimeoutException timeout)
        {
            // Its load's own bound (the same timeout) fired a moment before this invocation's deadline: the same outcome.
            outcome = InvocationOutcome.Of(InvocationStatus.TimedOut, InvocationErrorTypes.Timeout, timeout.Message);
        }
        catch (FunctionInitializationException ex)
        {
            outcome = InvocationOutcome.Of(InvocationStatus.Failed, InvocationErrorTypes.InitializationFailed, ex.Message);
        }
        catch (FunctionInputException ex)
        {
            // The input could not be read (not UTF-8, not JSON for the function's input type): the caller's error.
            outcome = InvocationOutcome.Of(InvocationStatus.Rejected, InvocationErrorTypes.InvalidRequest, ex.Message);
        }
        catch (Exception ex)
        {
            outcome = InvocationOutcome.Of(InvocationStatus.Failed, ex.GetType().FullName ?? ex.GetType().Name, ex.Message);
        }

        scope.CallerDone();
        if (outcome.Status != InvocationStatus.Succeeded && executionMs == 0)
        {
            executionMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds - initMs;
        }

        // What the function's work used so far: all of it unless it ignored its deadline and still runs.
        var usage = new InvocationUsage(scheduler.CpuNanoseconds / 1e9, scheduler.AllocatedBytes, scheduler.PeakCores);
        return InvocationRecordBuilder.Finished(request, spec, vmId, outcome, new InvocationTimings(queueWaitMs, initMs, executionMs, coldStart), usage, grant, capturing.Lines);
    }

    /// <summary>The whole cores an invocation of <paramref name="spec"/> may use at once: its declared cores rounded up, at least 1.</summary>
    public static int AllottedCores(FunctionSpec spec) => AllottedCores(spec.Cores);

    /// <summary>
    /// The whole cores an invocation allocated <paramref name="cores"/> may use at once: rounded up, at least 1 (its
    /// scheduler runs whole runs; the admission queue holds the fraction exactly).
    /// </summary>
    public static int AllottedCores(double cores) => Math.Max(1, (int)Math.Ceiling(cores));

    [LoggerMessage(Level = LogLevel.Warning, Message = "'{Function}' invocation {InvocationId} on VM {VmId} ignored cancellation at its deadline; its cores stay held until it ends")]
    private static partial void LogIgnoredCancellation(ILogger logger, string function, Guid invocationId, string vmId);
}
