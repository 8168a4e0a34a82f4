using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HarvestOrleans.Client;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Invocations;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Xunit.Abstractions;

namespace HarvestOrleans.Tests.Processes;

/// <summary>
/// The whole system as separate processes: Redis, three silo processes with their HTTP triggers, steady load through
/// HTTP (sync and async, at every silo) and the .NET client; one silo is evicted with notice and one SIGKILLed mid-load.
/// Every accepted invocation must end with exactly one final record, and the cluster must serve on the survivor plus
/// the VM the Resource Monitor's process provisioner starts in place of the lost cores.
/// </summary>
[Trait("Category", "External")]
public sealed class EndToEndProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Key = "e2e-admin-key-0123456789";
    private readonly DirectoryInfo _provisioned = Directory.CreateTempSubdirectory("harvest-e2e-provisioned-");
    private RedisProcessCluster _cluster = null!;

    private HarvestOperator Operator => _cluster.Operator;

    private HarvestClient Client => _cluster.Client;

    public async Task InitializeAsync()
    {
        _cluster = await RedisProcessCluster.StartAsync();
        // vm-a first: the Resource Monitor starts with it, and its start-up grace covers the other two joining.
        StartSilo("vm-a");
        await _cluster.ConnectClientAsync();
        await _cluster.WaitForActiveAsync("vm-a");
        StartSilo("vm-b");
        StartSilo("vm-c");
        await _cluster.WaitForActiveAsync("vm-a", "vm-b", "vm-c");
    }

    [Fact]
    public async Task Every_accepted_invocation_ends_with_one_final_record_through_an_eviction_a_kill_and_a_replacement()
    {
        var asyncAccepted = new ConcurrentBag<(Guid Id, string Via)>();
        var syncHttp = new ConcurrentBag<(int Status, string? RecordStatus)>();
        var clientRecords = new ConcurrentBag<InvocationRecord>();
        var refused = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);

        // Async at every silo's trigger (so some accepted invocations live on the silos that go away), sync over HTTP at
        // vm-a, and the .NET client through the Redis-discovered gateways.
        var load = new List<Task>();
        foreach (var vm in new[] { "vm-a", "vm-b", "vm-c" })
        {
            load.Add(LoopAsync(stop.Token, TimeSpan.FromMilliseconds(100), async () =>
            {
                var response = await http.PostAsync(new Uri(_cluster.Http(vm), "/api/functions/sleep/invoke-async"), JsonContent.Create(new { milliseconds = 100 }));
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    asyncAccepted.Add(((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), vm));
                }
                else
                {
                    refused.Add($"{vm} async {(int)response.StatusCode}");
                }
            }, refused));
        }

        load.Add(LoopAsync(stop.Token, TimeSpan.FromMilliseconds(50), async () =>
        {
            var response = await http.PostAsync(new Uri(_cluster.Http("vm-a"), "/api/functions/echo/invoke"), JsonContent.Create(new { message = "e2e" }));
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            syncHttp.Add(((int)response.StatusCode, body.TryGetProperty("status", out var s) ? s.GetString() : null));
        }, refused));
        for (var i = 0; i < 2; i++)
        {
            load.Add(LoopAsync(stop.Token, TimeSpan.FromMilliseconds(50), async () =>
                clientRecords.Add(await Client.InvokeJsonAsync("sleep", new { milliseconds = 100 })), refused));
        }

        await Eventually.WaitUntilAsync(() => asyncAccepted.Count >= 30 && clientRecords.Count >= 10, "steady load is flowing", TimeSpan.FromSeconds(60));
        var evicted = await Operator.EvictVmAsync("vm-b", TimeSpan.FromSeconds(4), "e2e: harvest VM reclaimed with notice");
        Assert.Equal(VmState.Draining, evicted.State);
        _cluster.Silo("vm-c").Kill();
        var killedAt = Stopwatch.StartNew();

        var replacement = await WaitForReplacementAsync();
        output.WriteLine($"replacement {replacement} Active {killedAt.Elapsed.TotalSeconds:0.0} s after the kill");
        await Eventually.WaitUntilAsync(() => asyncAccepted.Count(a => a.Via == "vm-a") >= 60, "more load after the replacement", TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        // The cluster now is vm-a plus the replacement; both take work (join-shortest-queue spreads a burst).
        var cluster = await Operator.GetClusterAsync();
        Assert.Equal(["vm-a", replacement], cluster.Vms.Where(v => v.State == VmState.Active).Select(v => v.VmId).Order());
        await Eventually.WaitUntilAsync(
            async () => (await Operator.GetClusterAsync()).Vms.Count(v => v.VmId is "vm-b" or "vm-c" && v.State == VmState.Evicted) == 2,
            $"the evicted and the killed VM are both Evicted (vm-b log: {_cluster.Silo("vm-b").LogFile})",
            TimeSpan.FromSeconds(60));
        output.WriteLine($"vm-b and vm-c Evicted {killedAt.Elapsed.TotalSeconds:0.0} s after the kill");
        await Operator.SetPolicyAsync("JoinShortestQueue", null);
        await Eventually.WaitUntilAsync(async () => (await Operator.GetFunctionRoutingAsync("sleep")).Policy == "JoinShortestQueue", "the policy switch reached the function");
        var servedBy = new HashSet<string>();
        await Eventually.WaitUntilAsync(async () =>
        {
            var burst = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Client.InvokeJsonAsync("sleep", new { milliseconds = 300 })));
            Assert.All(burst, r => Assert.Equal(InvocationStatus.Succeeded, r.Status));
            servedBy.UnionWith(burst.Select(r => r.VmId!));
            return servedBy.Contains(replacement) && servedBy.Contains("vm-a");
        }, "bursts run on both the survivor and the replacement", TimeSpan.FromSeconds(60));

        // Every accepted async invocation has exactly one final record, readable through the survivor's trigger.
        var pollFrom = DateTimeOffset.UtcNow;
        var finals = new Dictionary<Guid, JsonElement>();
        await Eventually.WaitUntilAsync(async () =>
        {
            foreach (var (id, via) in asyncAccepted.Where(a => !finals.ContainsKey(a.Id)))
            {
                var response = await http.GetAsync(new Uri(_cluster.Http("vm-a"), $"/api/invocations/{id}"));
                Assert.True(response.IsSuccessStatusCode, $"accepted by {via}, {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}; in Redis: {await RedisKeysAsync(id)}");
                var invocation = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (invocation.GetProperty("state").GetString() == "Completed")
                {
                    finals[id] = invocation;
                }
            }

            return finals.Count == asyncAccepted.Count;
        }, $"all {asyncAccepted.Count} accepted async invocations have their final record", TimeSpan.FromSeconds(120));

        Assert.Equal(asyncAccepted.Count, asyncAccepted.Select(a => a.Id).Distinct().Count());
        foreach (var (id, invocation) in finals)
        {
            var record = invocation.GetProperty("record");
            Assert.Equal(id, record.GetProperty("id").GetGuid());
            Assert.True(record.GetProperty("status").GetString() is "Succeeded" or "Evicted", $"{id}: {record}");
        }

        var statuses = finals.Values.GroupBy(f => f.GetProperty("record").GetProperty("status").GetString()).ToDictionary(g => g.Key!, g => g.Count());
        var resumed = finals.Values.Count(f => f.GetProperty("dispatches").GetInt32() > 1);
        var resumedBeforeRead = finals.Values.Count(f => f.GetProperty("dispatches").GetInt32() > 1
            && f.GetProperty("record").GetProperty("completedAt").GetDateTimeOffset() < pollFrom);
        output.WriteLine($"async accepted {asyncAccepted.Count} (vm-a {asyncAccepted.Count(a => a.Via == "vm-a")}, vm-b {asyncAccepted.Count(a => a.Via == "vm-b")}, vm-c {asyncAccepted.Count(a => a.Via == "vm-c")}); " +
            $"final: {string.Join(", ", statuses.Select(s => $"{s.Key} {s.Value}"))}; resumed on another silo {resumed} ({resumedBeforeRead} by their reminder before anyone read them)");
        output.WriteLine($"sync HTTP {syncHttp.Count}: {string.Join(", ", syncHttp.GroupBy(s => $"{s.Status}/{s.RecordStatus}").Select(g => $"{g.Key} {g.Count()}"))}");
        output.WriteLine($".NET client {clientRecords.Count}: {string.Join(", ", clientRecords.GroupBy(r => r.Status).Select(g => $"{g.Key} {g.Count()}"))}");
        output.WriteLine($"not accepted: {string.Join(", ", refused.GroupBy(r => r).Select(g => $"{g.Key} x{g.Count()}"))}");
        Assert.True(statuses.GetValueOrDefault("Succeeded") >= finals.Count * 0.9, "most async invocations succeeded");

        // Sync HTTP calls to the surviving trigger each got a final record; the client's calls each got one record.
        Assert.All(syncHttp, s => Assert.NotNull(s.RecordStatus));
        Assert.True(syncHttp.Count(s => s.Status == 200) >= syncHttp.Count * 0.9, "most sync HTTP invocations succeeded");
        Assert.All(clientRecords, r => Assert.Contains(r.Status, new[] { InvocationStatus.Succeeded, InvocationStatus.Evicted, InvocationStatus.Rejected }));
        Assert.True(clientRecords.Count(r => r.IsSuccess) >= clientRecords.Count * 0.9, "most client invocations succeeded");
        // Only the silos that went away dropped requests; the survivor refused nothing but with a typed answer.
        Assert.All(refused.Where(r => r.StartsWith("vm-a", StringComparison.Ordinal)), r => Assert.True(r is "vm-a async 503" or "vm-a async 429", r));
        Assert.True(refused.Count(r => r.StartsWith("vm-a", StringComparison.Ordinal)) <= asyncAccepted.Count(a => a.Via == "vm-a") / 10, "the survivor accepted nearly everything");
    }

    private async Task<string> RedisKeysAsync(Guid id)
    {
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_cluster.Redis.ConnectionString);
        var keys = redis.GetServer(redis.GetEndPoints()[0]).KeysAsync(pattern: $"*{id:N}*");
        var found = new List<string>();
        await foreach (var key in keys)
        {
            found.Add(key.ToString());
        }

        return found.Count == 0 ? "no keys" : string.Join(", ", found);
    }

    private void StartSilo(string vmId) => _cluster.StartSilo(
        vmId,
        "--Harvest:Http:ApiKeys:0:Name=e2e",
        $"--Harvest:Http:ApiKeys:0:Key={Key}",
        "--Harvest:Http:ApiKeys:0:Admin=true",
        "--Harvest:Http:ApiKeys:0:Namespaces:0=*",
        "--Harvest:ResourceMonitor:MinimumActiveCores=4",
        "--Harvest:ResourceMonitor:CheckInterval=00:00:01",
        "--Harvest:ResourceMonitor:StartupGrace=00:00:15",
        "--Harvest:Provisioner:ProviderType=Process",
        "--Harvest:Provisioner:CoresPerVm=2",
        $"--Harvest:Provisioner:Folder={_provisioned.FullName}",
        "--Harvest:Async:ResumeInterval=00:00:02");

    /// <summary>The VM the process provisioner started once Active cores fell below the minimum.</summary>
    private async Task<string> WaitForReplacementAsync()
    {
        string? replacement = null;
        await Eventually.WaitUntilAsync(
            async () =>
            {
                replacement = (await Operator.GetClusterAsync()).Vms
                    .FirstOrDefault(v => v.State == VmState.Active && v.VmId.StartsWith("vm-p", StringComparison.Ordinal))?.VmId;
                return replacement is not null;
            },
            $"the provisioner's replacement VM is Active; pool: {string.Join("; ", (await Operator.GetPoolHistoryAsync()).TakeLast(5).Select(p => p.Note))}",
            TimeSpan.FromSeconds(120));
        Assert.Single(_provisioned.GetFiles("*.pid"));
        return replacement!;
    }

    /// <summary>Repeats <paramref name="call"/> until stopped; a call that throws (a silo went away under it) is counted, not fatal.</summary>
    private static async Task LoopAsync(CancellationToken stop, TimeSpan pause, Func<Task> call, ConcurrentBag<string> failures)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await call();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                failures.Add($"{ex.GetType().Name}");
            }

            try
            {
                await Task.Delay(pause, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();

        // Provisioned silos outlive their launcher: stop them by their pid files.
        foreach (var pidFile in _provisioned.GetFiles("*.pid"))
        {
            try
            {
                using var process = Process.GetProcessById(int.Parse(await File.ReadAllTextAsync(pidFile.FullName), System.Globalization.CultureInfo.InvariantCulture));
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            catch (ArgumentException)
            {
                // already gone
            }
        }

        _provisioned.Delete(recursive: true);
    }
}
