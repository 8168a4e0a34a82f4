using System.Collections.Concurrent;
using HarvestOrleans.Functions;
using HarvestOrleans.Hosting;
using HarvestOrleans.Samples;
using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>Functions the integration tests invoke; each exercises one behaviour of the runtime.</summary>
public static class TestFunctions
{
    public static readonly string[] IdleFunctions = Enumerable.Range(1, 6).Select(i => $"idle-{i}").ToArray();

    public static IHarvestSiloBuilder AddTestFunctions(this IHarvestSiloBuilder harvest)
    {
        foreach (var name in IdleFunctions)
        {
            harvest.AddFunction<EchoFunction>(EchoFunction.Spec with { Name = name });
        }

        harvest.AddFunction<EchoFunction>(EchoFunction.Spec);
        harvest.AddEntity<RunningTotalEntity>(RunningTotalEntity.Spec);
        harvest.AddFunction<FanOutFunction>(FanOutFunction.Spec);
        harvest.AddFunction<ScoreFunction>(ScoreFunction.Spec);
        harvest.AddFunction<EchoFunction>(EchoFunction.Spec with { Name = "coldcheck" });
        harvest.AddFunction<SleepFunction>(SleepFunction.Spec with { Name = "work", Cores = 1, Timeout = TimeSpan.FromSeconds(10) });
        harvest.AddFunction<SleepFunction>(SleepFunction.Spec with { Name = "once", Cores = 1, Idempotent = false, Timeout = TimeSpan.FromSeconds(10) });
        harvest.AddFunction<SleepFunction>(SleepFunction.Spec with { Name = "profiled", Cores = 1, Timeout = TimeSpan.FromSeconds(10) });
        harvest.AddFunction<ConcurrencyProbeFunction>(new FunctionSpec { Name = "probe", Cores = 1, Timeout = TimeSpan.FromSeconds(30) });
        harvest.AddFunction<ThrowingFunction>(new FunctionSpec { Name = "throws" });
        harvest.AddFunction<StubbornFunction>(new FunctionSpec { Name = "stubborn", Timeout = TimeSpan.FromMilliseconds(300) });
        harvest.AddFunction<SleepFunction>(SleepFunction.Spec with { Name = "slow", Timeout = TimeSpan.FromMilliseconds(300) });
        harvest.AddFunction<LoggingFunction>(new FunctionSpec { Name = "logs" });
        harvest.AddFunction<GatedFunction>(new FunctionSpec { Name = "gated", Cores = 1, Timeout = TimeSpan.FromSeconds(60) }); // not idempotent
        return harvest;
    }
}

/// <summary>Sleeps, recording how many probe invocations run at once on each VM.</summary>
public sealed class ConcurrencyProbeFunction : IHarvestFunction
{
    private static readonly ConcurrentDictionary<string, int[]> Current = new();
    private static readonly ConcurrentDictionary<string, int> Peak = new();

    public static IReadOnlyDictionary<string, int> PeakByVm => Peak;

    /// <summary>When set, every start is recorded with the VM's concurrency at that moment.</summary>
    public static bool RecordStarts { get; set; }

    public static ConcurrentQueue<(string VmId, DateTimeOffset At, int Running)> Starts { get; } = new();

    public static void Reset()
    {
        Current.Clear();
        Peak.Clear();
        Starts.Clear();
    }

    public async Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken)
    {
        var counter = Current.GetOrAdd(context.VmId, _ => new int[1]);
        var now = Interlocked.Increment(ref counter[0]);
        Peak.AddOrUpdate(context.VmId, now, (_, seen) => Math.Max(seen, now));
        if (RecordStarts)
        {
            Starts.Enqueue((context.VmId, DateTimeOffset.UtcNow, now));
        }

        try
        {
            await Task.Delay(input.ReadJson<int>(), cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref counter[0]);
        }

        return FunctionPayload.FromString(context.VmId);
    }
}

public sealed class ThrowingFunction : IHarvestFunction
{
    public Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"boom: {input.AsString()}");
}

/// <summary>
/// Blocks its thread, ignoring cancellation, until a test calls <see cref="Release"/> (at most the given milliseconds,
/// so a test that never releases it cannot hang the run).
/// </summary>
public sealed class StubbornFunction : IHarvestFunction
{
    private static readonly SemaphoreSlim Gate = new(0);

    public static void Release() => Gate.Release();

    public Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken)
    {
        Gate.Wait(input.ReadJson<int>(), CancellationToken.None);
        return Task.FromResult(FunctionPayload.FromString("finished late"));
    }
}

public sealed class LoggingFunction : IHarvestFunction
{
    public Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken)
    {
        context.Logger.LogInformation("hello from {VmId}", context.VmId);
        context.Logger.LogWarning("attempt {Attempt} with {Cores} core(s)", context.Attempt, context.AllottedCores);
        return Task.FromResult(FunctionPayload.FromString("logged"));
    }
}

/// <summary>
/// Waits (asynchronously) until a test calls <see cref="Release"/>, at most the given milliseconds, and records where it
/// runs: a long, non-idempotent invocation whose end the test decides.
/// </summary>
public sealed class GatedFunction : IHarvestFunction
{
    private static SemaphoreSlim _gate = new(0);

    public static ConcurrentQueue<string> StartedOn { get; } = new();

    public static void Release() => _gate.Release();

    /// <summary>A closed gate and no starts recorded (call at the start of a test).</summary>
    public static void Reset()
    {
        _gate = new SemaphoreSlim(0);
        StartedOn.Clear();
    }

    public async Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken)
    {
        var gate = _gate;
        StartedOn.Enqueue(context.VmId);
        await gate.WaitAsync(input.ReadJson<int>(), cancellationToken);
        return FunctionPayload.FromString(context.VmId);
    }
}
