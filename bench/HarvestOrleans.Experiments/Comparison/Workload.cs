using HarvestOrleans.Client;
using HarvestOrleans.Experiments.Traces;
using HarvestOrleans.Experiments.Workloads;

namespace HarvestOrleans.Experiments.Comparison;

/// <summary>The one workload every cell of a comparison runs: a closed loop, or an open-loop trace replay.</summary>
internal sealed class Workload
{
    private Func<HarvestClient, Action<double>, CancellationToken, Task<IReadOnlyList<CompletedInvocation>>> _run = null!;

    public required string Description { get; init; }

    public TraceFunctionMap? Map { get; private init; }

    /// <summary>The open-loop schedule a replay sends (null for a closed loop): what the simulated comparison replays too.</summary>
    public IReadOnlyList<PlannedInvocation>? Plan { get; private init; }

    public double ExpectedSeconds { get; private init; }

    public Task<IReadOnlyList<CompletedInvocation>> RunAsync(HarvestClient client, Action<double> progress, CancellationToken cancellationToken) =>
        _run(client, progress, cancellationToken);

    /// <summary>The first file in <paramref name="folder"/> matching <paramref name="pattern"/>; a missing folder or file throws <see cref="FileNotFoundException"/> naming both.</summary>
    private static string FindTraceFile(string folder, string pattern) =>
        (Directory.Exists(folder) ? Directory.GetFiles(folder, pattern).Order(StringComparer.Ordinal).FirstOrDefault() : null)
            ?? throw new FileNotFoundException($"No {pattern} in {Path.GetFullPath(folder)}{(Directory.Exists(folder) ? "" : " (no such folder)")}.");

    public static Workload Load(ComparisonOptions options, string root)
    {
        var mix = new FunctionMix(options.Mix);
        switch (options.Workload)
        {
            case WorkloadKind.Closed:
                return new Workload
                {
                    Description = $"closed loop: {options.Users} users, think time {options.ThinkTime.TotalSeconds:0.##} s, {options.Duration.TotalSeconds:0} s per cell, mix {string.Join(' ', options.Mix.Select(p => $"{p.Key}={p.Value}"))}",
                    ExpectedSeconds = options.Duration.TotalSeconds,
                    _run = (client, progress, ct) => ClosedLoopDriver.RunAsync(client, options.Users, options.ThinkTime, mix, options.Duration, options.Seed, progress, ct),
                };

            case WorkloadKind.Azure2019:
            {
                var folder = options.Azure2019Folder ?? Path.Combine(root, "samples", "traces", "azure2019");
                var invocations = FindTraceFile(folder, "invocations*.csv");
                var durations = FindTraceFile(folder, "function_durations*.csv");
                var functions = Azure2019Trace.Load(invocations, durations, out var withoutDuration);
                var plan = TracePlans.From2019(functions, options.StartMinute, options.Minutes, options.Compression);
                return Replay(options, mix, plan,
                    $"Azure 2019 trace {folder}: minutes {options.StartMinute}-{options.StartMinute + options.Minutes}, {functions.Count} functions ({withoutDuration} without durations), {plan.Count} invocations, compressed {options.Compression}x, mapped to {options.Mapping}");
            }

            case WorkloadKind.Azure2021:
            {
                var path = options.Azure2021Path ?? Path.Combine(root, "samples", "traces", "azure2021", "invocations.csv");
                var trace = Azure2021Trace.Load(path);
                var plan = TracePlans.From2021(trace, options.StartMinute * 60.0, options.Minutes * 60.0, options.Compression);
                return Replay(options, mix, plan,
                    $"Azure 2021 trace {path}: minutes {options.StartMinute}-{options.StartMinute + options.Minutes}, {plan.Select(p => p.TraceFunction).Distinct().Count()} functions, {plan.Count} invocations, compressed {options.Compression}x, mapped to {options.Mapping}");
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Workload, "unknown workload");
        }
    }

    private static Workload Replay(ComparisonOptions options, FunctionMix mix, IReadOnlyList<PlannedInvocation> plan, string description)
    {
        var map = new TraceFunctionMap(plan.Select(p => p.TraceFunction), options.Mapping, mix);
        return new Workload
        {
            Description = description,
            Map = map,
            Plan = plan,
            ExpectedSeconds = plan.Count == 0 ? 0 : plan[^1].AtSeconds,
            _run = (client, progress, ct) => OpenLoopDriver.RunAsync(client, plan, p => (map.NameOf(p.TraceFunction), map.InputFor(p, options.MaxDurationMs)), progress, ct),
        };
    }
}
