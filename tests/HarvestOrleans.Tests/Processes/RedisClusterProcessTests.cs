using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Tests.Infrastructure;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.Tests.Processes;

/// <summary>Silos as separate processes that find each other through a real Redis; one is killed with SIGKILL.</summary>
[Trait("Category", "External")]
public sealed class RedisClusterProcessTests : IAsyncLifetime
{
    private RedisProcessCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await RedisProcessCluster.StartAsync();
        _cluster.StartSilo("vm-a");
        _cluster.StartSilo("vm-b");
        await _cluster.ConnectClientAsync();
    }

    [Fact]
    public async Task Two_silo_processes_join_through_redis_and_the_survivor_serves_after_one_is_killed()
    {
        await _cluster.WaitForActiveAsync("vm-a", "vm-b");
        var served = new HashSet<string>();
        for (var i = 0; i < 20 && served.Count < 2; i++)
        {
            var record = await _cluster.Client.InvokeAsync("echo", "hello"u8.ToArray());
            Assert.Equal(InvocationStatus.Succeeded, record.Status);
            served.Add(record.VmId!);
        }

        _cluster.Silo("vm-b").Kill();
        await Eventually.WaitUntilAsync(
            async () => (await _cluster.Operator.GetClusterAsync()).Vms.Single(v => v.VmId == "vm-b").State != VmState.Active,
            "the killed VM is no longer Active",
            TimeSpan.FromSeconds(30));

        for (var i = 0; i < 10; i++)
        {
            var record = await _cluster.Client.InvokeAsync("echo", "after"u8.ToArray());
            Assert.Equal(InvocationStatus.Succeeded, record.Status);
            Assert.Equal("vm-a", record.VmId);
        }
    }

    [Fact]
    public async Task The_harvest_cli_operates_a_redis_cluster_and_says_clearly_when_none_answers()
    {
        await _cluster.WaitForActiveAsync("vm-a", "vm-b");
        string[] redis = ["--redis", _cluster.Redis.ConnectionString];

        var status = await CliProcess.RunAsync(["status", .. redis]);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("vm-a", status.Output);
        Assert.Contains("vm-b", status.Output);

        var set = await CliProcess.RunAsync(["policy", "set", "--balancing", "JoinShortestQueue", .. redis]);
        Assert.True(set.ExitCode == 0, set.ToString());
        var show = await CliProcess.RunAsync(["policy", "show", .. redis]);
        Assert.Contains("balancing: JoinShortestQueue", show.Output);
        var unknown = await CliProcess.RunAsync(["policy", "set", "--balancing", "RoundRobin", .. redis]);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Unknown balancing policy 'RoundRobin'", unknown.Error);

        // An entity through the CLI, its state in the cluster's Redis grain storage.
        var entityId = $"cli-{Guid.NewGuid():N}";
        Assert.Equal(0, (await CliProcess.RunAsync(["invoke", "running-total", "--entity", entityId, "--data", "{\"amount\":2}", .. redis])).ExitCode);
        var total = await CliProcess.RunAsync(["invoke", "running-total", "--entity", entityId, "--data", "{\"amount\":40}", .. redis]);
        Assert.True(total.ExitCode == 0, total.ToString());
        Assert.Contains("\\\"sum\\\":42,", total.Output); // the output, inside the record's JSON as a string
        Assert.Equal(2, (await CliProcess.RunAsync(["invoke", "running-total", "--entity", entityId, "--async", .. redis])).ExitCode);

        var submitted = await CliProcess.RunAsync(["invoke", "primes", "--data", "{\"limit\":1000}", "--async", .. redis]);
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        var id = submitted.Output.Split(' ')[0];
        var record = await CliProcess.RunAsync(["records", id, "--wait", .. redis]);
        Assert.True(record.ExitCode == 0, record.ToString());
        Assert.Contains("\"state\": \"Completed\"", record.Output);
        Assert.Contains("\"status\": \"Succeeded\"", record.Output);
        var logs = await CliProcess.RunAsync(["logs", id, .. redis]);
        Assert.True(logs.ExitCode == 0, logs.ToString());
        Assert.Contains("Counted 168 primes below 1000", logs.Output);
        var never = await CliProcess.RunAsync(["records", Guid.NewGuid().ToString(), .. redis]);
        Assert.Equal(1, never.ExitCode);

        var nobody = await CliProcess.RunAsync("status", "--gateway-port", RedisServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, nobody.ExitCode);
        Assert.Contains("Cannot reach a HarvestOrleans cluster", nobody.Error);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
