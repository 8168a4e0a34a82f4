using HarvestOrleans.Cluster;
using HarvestOrleans.Tests.Infrastructure;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.Tests.Processes;

/// <summary>Silos as separate processes that find each other through a real Redis; one is killed with SIGKILL.</summary>
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

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
