using System.Collections.Concurrent;
using System.Diagnostics;
using HarvestOrleans.Client;
using HarvestOrleans.Functions;

namespace HarvestOrleans.Experiments.Workloads;

/// <summary>Sends a planned schedule on time whatever the responses do (open loop), then waits for every record.</summary>
public static class OpenLoopDriver
{
    public static async Task<IReadOnlyList<CompletedInvocation>> RunAsync(
        HarvestClient client,
        IReadOnlyList<PlannedInvocation> plan,
        Func<PlannedInvocation, (string Function, object? Input)> resolve,
        Action<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var completed = new ConcurrentBag<CompletedInvocation>();
        var pending = new List<Task>(plan.Count);
        var clock = Stopwatch.StartNew();
        var last = plan.Count == 0 ? 1 : Math.Max(plan[^1].AtSeconds, 0.001);
        foreach (var invocation in plan)
        {
            var wait = TimeSpan.FromSeconds(invocation.AtSeconds) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var (function, input) = resolve(invocation);
            var sentAt = clock.Elapsed.TotalSeconds;
            pending.Add(SendAsync(client, function, input, sentAt, completed, cancellationToken));
            progress?.Invoke(invocation.AtSeconds / last);
        }

        await Task.WhenAll(pending);
        return [.. completed.OrderBy(c => c.SentAtSeconds)];
    }

    private static async Task SendAsync(HarvestClient client, string function, object? input, double sentAt, ConcurrentBag<CompletedInvocation> completed, CancellationToken cancellationToken)
    {
        var payload = input is null ? FunctionPayload.Empty : FunctionPayload.FromJson(input);
        var record = await client.InvokeAsync(function, payload, cancellationToken: cancellationToken);
        completed.Add(new CompletedInvocation(sentAt, record));
    }
}
