using System.Collections.Concurrent;
using System.Text.Json;
using HarvestOrleans.Client;
using HarvestOrleans.Functions;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocations;
using HarvestOrleans.Samples;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace HarvestOrleans.Bench;

/// <summary>
/// Issue 19, item 4, with CIDR'19's numbers as the anchor (a prediction batch: 467 ms through Lambda + SQS, 13 ms on a
/// VM with SQS, 2.8 ms with direct messaging): a two-stage pipeline, stage A calling stage B per item, two ways on the
/// same cluster in one run. Direct: <c>pipeline.fan-out</c> calls <c>pipeline.score</c> through its context (one grain
/// call). Through Redis: stage A (<see cref="RedisQueueFanOut"/>, a function too) pushes each item on a Redis list and
/// waits for its reply on another; stage B is a pool of workers popping the list and scoring with the same code. Each
/// call carries one item, so a call's latency is an item's; callers in a closed loop give the throughput.
/// </summary>
internal static class PipelineBenchmark
{
    private const string Queue = "pipeline:in";
    private const int Workers = 8;

    public static async Task<int> RunAsync(bool quick)
    {
        int[] levels = quick ? [1, 8] : [1, 16];
        var rounds = quick ? 1 : 3;
        var (warmup, duration) = quick ? (TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1.5)) : (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        await using var redis = await RedisServer.StartAsync();
        await using var pool = await BlockingConnections.StartAsync(redis.ConnectionString);
        await using var cluster = await BenchCluster.StartAsync(2, 8, harvest =>
        {
            harvest.Services.AddSingleton(pool);
            harvest.AddFunction<RedisQueueFanOut>(RedisQueueFanOut.Spec);
        });
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, Workers).Select(_ => ScoreWorkerAsync(pool, stop.Token)).ToArray();

        var item = new ScoreFunction.Item([0.5, 1, -1, 2]);
        var direct = Caller(cluster.Harvest, FanOutFunction.Spec.Name, new { target = ScoreFunction.Spec.Name, items = new[] { item } });
        var queued = Caller(cluster.Harvest, RedisQueueFanOut.Spec.Name, new { items = new[] { item } });
        var rows = new List<(int Callers, LoadRun.Result Direct, LoadRun.Result Redis)>();
        foreach (var callers in levels)
        {
            var results = await LoadRun.CompareAsync(callers, rounds, warmup, duration, ("direct", direct), ("redis list", queued));
            rows.Add((callers, results[0], results[1]));
        }

        await stop.CancelAsync();
        await Task.WhenAll(workers);
        var counter = await EntityCounterAsync(quick);

        Console.WriteLine("Two-stage pipeline, one item per call (stage A calls stage B): direct calls against a Redis list as the queue, same cluster, medians of " + rounds + " round(s).");
        Console.WriteLine($"{"callers",8} {"direct items/s",15} {"p50 ms",8} {"p99 ms",8} {"CPU s/1k",9} | {"redis items/s",14} {"p50 ms",8} {"p99 ms",8} {"CPU s/1k",9} | {"p50 redis/direct",17} {"errors",7}");
        foreach (var (callers, d, r) in rows)
        {
            Console.WriteLine($"{callers,8} {d.CallsPerSecond,15:N0} {d.P50Us / 1000,8:0.00} {d.P99Us / 1000,8:0.00} {d.CpuSecondsPer1k,9:0.000} | {r.CallsPerSecond,14:N0} {r.P50Us / 1000,8:0.00} {r.P99Us / 1000,8:0.00} {r.CpuSecondsPer1k,9:0.000} | {r.P50Us / d.P50Us,16:0.0}x {d.Errors + r.Errors,7}");
        }

        Console.WriteLine("CIDR'19 (a batch, AWS): Lambda + SQS 467 ms, a VM with SQS 13 ms, direct messaging 2.8 ms.");
        Console.WriteLine($"Entity counters under an eviction with notice and a kill ({counter.Entities} entities, {counter.Callers} callers, {counter.Seconds:0} s on 4 VMs): " +
            $"{counter.Acknowledged:N0} increments acknowledged ({counter.Resolved} of them after asking again with the same id), {counter.Unresolved} unanswered; " +
            $"final counts sum to {counter.Counted:N0} — {(counter.Counted == counter.Acknowledged ? "equal: none lost, none doubled" : $"NOT EQUAL ({counter.Counted - counter.Acknowledged:+#;-#} )")}.");
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "pipeline",
            quick,
            rows = rows.Select(r => new
            {
                r.Callers,
                direct = Json(r.Direct),
                redis = Json(r.Redis),
                p50RedisOverDirect = Math.Round(r.Redis.P50Us / r.Direct.P50Us, 2),
            }),
            entityCounter = counter,
        }));
        return rows.All(r => r.Direct.Errors == 0 && r.Redis.Errors == 0) && counter.Counted == counter.Acknowledged && counter.Unresolved == 0 ? 0 : 1;
    }

    /// <summary>What the entity counters counted against what their callers were told.</summary>
    internal sealed record CounterResult(int Entities, int Callers, double Seconds, long Acknowledged, long Resolved, long Unresolved, long Counted);

    /// <summary>
    /// Callers in a closed loop each add 1 to one of a few <c>running-total</c> entities on 4 VMs; meanwhile one VM gets
    /// a notice and drains, then another is killed. A call that ends without an answer is asked again with its
    /// invocation id until it has one. The entities' final counts must sum to the increments acknowledged.
    /// </summary>
    private static async Task<CounterResult> EntityCounterAsync(bool quick)
    {
        const int entities = 16, callers = 16;
        var (noticeAt, killAt, seconds) = quick ? (1.0, 3.0, 5.0) : (2.0, 6.0, 10.0);
        await using var cluster = await BenchCluster.StartAsync(4, 4);
        var client = cluster.Harvest;
        var prefix = $"counter-{Guid.NewGuid():N}";
        var payload = FunctionPayload.FromJson(new RunningTotalEntity.Add(1)).ToArray();
        long acknowledged = 0, resolved = 0, unresolved = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var load = Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            for (var n = 0; clock.Elapsed.TotalSeconds < seconds; n++)
            {
                var id = $"{prefix}-{(c + n) % entities}";
                var invocationId = Guid.NewGuid();
                var record = await client.InvokeEntityAsync(invocationId, RunningTotalEntity.Spec.Name, id, payload);
                for (var again = 0; record.Status != InvocationStatus.Succeeded && again < 20; again++)
                {
                    await Task.Delay(250);
                    record = await client.InvokeEntityAsync(invocationId, RunningTotalEntity.Spec.Name, id, payload);
                    if (record.Status == InvocationStatus.Succeeded)
                    {
                        Interlocked.Increment(ref resolved);
                    }
                }

                Interlocked.Increment(ref record.Status == InvocationStatus.Succeeded ? ref acknowledged : ref unresolved);
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(noticeAt));
        var evicting = cluster.Vms.EvictVmAsync("vm-1", TimeSpan.FromSeconds(5), "pipeline bench: notice");
        await Task.Delay(TimeSpan.FromSeconds(killAt - noticeAt));
        await cluster.Vms.KillVmAsync("vm-2");
        await Task.WhenAll(load).WaitAsync(TimeSpan.FromMinutes(2));
        await evicting.WaitAsync(TimeSpan.FromMinutes(1));

        long counted = 0;
        for (var e = 0; e < entities; e++)
        {
            var total = await client.InvokeEntityAsync(RunningTotalEntity.Spec.Name, $"{prefix}-{e}", []);
            counted += total.Status == InvocationStatus.Succeeded ? total.ReadOutput<RunningTotalEntity.Total>()!.Count : 0;
        }

        return new CounterResult(entities, callers, seconds, acknowledged, resolved, unresolved, counted);
    }

    private static object Json(LoadRun.Result r) => new { itemsPerSecond = Math.Round(r.CallsPerSecond), p50Ms = Math.Round(r.P50Us / 1000, 3), p99Ms = Math.Round(r.P99Us / 1000, 3), cpuSecondsPer1k = Math.Round(r.CpuSecondsPer1k, 4), r.Errors };

    /// <summary>One call of a fan-out function; it succeeded when it and every call it made did.</summary>
    private static Func<int, Task<bool>> Caller(HarvestClient client, string function, object input)
    {
        var payload = FunctionPayload.FromJson(input).ToArray();
        return async _ =>
        {
            var record = await client.InvokeAsync(function, payload);
            return record.IsSuccess && record.ReadOutput<FanOutFunction.Output>()!.Results.All(r => r.Status == FunctionCallResult.Succeeded);
        };
    }

    /// <summary>Stage B through Redis: pops an item, scores it with the same code, pushes the reply where stage A waits.</summary>
    private static async Task ScoreWorkerAsync(BlockingConnections pool, CancellationToken stop)
    {
        var db = await pool.RentAsync();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var popped = await db.ExecuteAsync("BRPOP", Queue, 1);
                if (popped.IsNull)
                {
                    continue;
                }

                var request = JsonSerializer.Deserialize<QueuedItem>((byte[])((RedisResult[])popped!)[1]!, FunctionJson.Options)!;
                var score = ScoreFunction.Compute(request.Item);
                await db.ListLeftPushAsync(request.ReplyTo, JsonSerializer.SerializeToUtf8Bytes(score, FunctionJson.Options));
                await db.KeyExpireAsync(request.ReplyTo, TimeSpan.FromMinutes(1));
            }
        }
        finally
        {
            pool.Return(db);
        }
    }

    internal sealed record QueuedItem(ScoreFunction.Item Item, string ReplyTo);
}

/// <summary>
/// Stage A through Redis: each item goes on the queue list with a reply key, and the function waits for the reply (a
/// blocking pop on a connection of its own: StackExchange.Redis multiplexes, so a blocking command needs one).
/// </summary>
internal sealed class RedisQueueFanOut(BlockingConnections pool) : HarvestFunction<RedisQueueFanOut.Input, FanOutFunction.Output>
{
    public static FunctionSpec Spec { get; } = FanOutFunction.Spec with { Name = "pipeline.fan-out-redis" };

    protected override async Task<FanOutFunction.Output> RunAsync(Input input, FunctionContext context, CancellationToken cancellationToken)
    {
        var results = new List<FanOutFunction.Result>(input.Items.Count);
        var db = await pool.RentAsync();
        try
        {
            foreach (var item in input.Items)
            {
                var reply = $"pipeline:reply:{Guid.NewGuid():N}";
                await db.ListLeftPushAsync("pipeline:in", JsonSerializer.SerializeToUtf8Bytes(new PipelineBenchmark.QueuedItem(item, reply), FunctionJson.Options));
                var popped = await db.ExecuteAsync("BRPOP", reply, 4); // under the client's 5 s command timeout
                results.Add(popped.IsNull
                    ? new FanOutFunction.Result("TimedOut", null, "NoReply")
                    : new FanOutFunction.Result(FunctionCallResult.Succeeded, JsonSerializer.Deserialize<JsonElement>((byte[])((RedisResult[])popped!)[1]!), null));
            }
        }
        finally
        {
            pool.Return(db);
        }

        return new FanOutFunction.Output(results);
    }

    public sealed record Input(IReadOnlyList<ScoreFunction.Item> Items);
}

/// <summary>Redis connections for blocking commands, one caller at a time each; grows on demand.</summary>
internal sealed class BlockingConnections : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly ConcurrentBag<IDatabase> _idle = [];
    private readonly ConcurrentBag<ConnectionMultiplexer> _all = [];

    private BlockingConnections(string connectionString) => _connectionString = connectionString;

    public static Task<BlockingConnections> StartAsync(string connectionString) => Task.FromResult(new BlockingConnections(connectionString));

    public async Task<IDatabase> RentAsync()
    {
        if (_idle.TryTake(out var db))
        {
            return db;
        }

        var connection = await ConnectionMultiplexer.ConnectAsync(_connectionString);
        _all.Add(connection);
        return connection.GetDatabase();
    }

    public void Return(IDatabase db) => _idle.Add(db);

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _all)
        {
            await connection.DisposeAsync();
        }
    }
}
