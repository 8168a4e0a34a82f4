using HarvestOrleans.Client;
using HarvestOrleans.Cluster;
using HarvestOrleans.Invocations;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace HarvestOrleans.Tests.Processes;

/// <summary>Silos as separate processes that find each other through a real Redis; one is killed with SIGKILL.</summary>
public sealed class RedisClusterProcessTests : IAsyncLifetime
{
    private readonly List<SiloProcess> _silos = [];
    private RedisServer _redis = null!;
    private IHost _client = null!;

    private HarvestOperator Operator => _client.Services.GetRequiredService<HarvestOperator>();

    private HarvestClient Client => _client.Services.GetRequiredService<HarvestClient>();

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        foreach (var vm in new[] { "vm-a", "vm-b" })
        {
            _silos.Add(SiloProcess.Start(
                $"--Harvest:Cluster:Redis={_redis.ConnectionString}",
                $"--Silo:Port={RedisServer.FreePort()}",
                $"--Silo:GatewayPort={RedisServer.FreePort()}",
                $"--Harvest:Http:Port={RedisServer.FreePort()}",
                $"--Harvest:Vm:VmId={vm}",
                "--Harvest:Vm:Cores=2"));
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client
            .UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(_redis.ConnectionString))
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("harvest", "harvest-orleans"))
            // A request that was on its way to the killed silo's gateway gets no answer: give up on it after 5 s, not 30.
            .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5))
            .UseHarvestClient());
        _client = builder.Build();
        await Eventually.WaitUntilAsync(async () =>
        {
            try
            {
                await _client.StartAsync();
                return true;
            }
            catch (Exception ex) when (ex is OrleansException or SiloUnavailableException)
            {
                return false; // no gateway in the membership table yet
            }
        }, "a silo process registered its gateway in Redis", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Two_silo_processes_join_through_redis_and_the_survivor_serves_after_one_is_killed()
    {
        await Eventually.WaitUntilAsync(
            async () => (await Operator.GetClusterAsync()).Vms.Count(v => v.State == VmState.Active) == 2,
            $"both silo processes are Active VMs\n{_silos[0].Output}\n{_silos[1].Output}",
            TimeSpan.FromSeconds(60));
        var served = new HashSet<string>();
        for (var i = 0; i < 20 && served.Count < 2; i++)
        {
            var record = await Client.InvokeAsync("echo", "hello"u8.ToArray());
            Assert.Equal(InvocationStatus.Succeeded, record.Status);
            served.Add(record.VmId!);
        }

        _silos[1].Kill();
        await Eventually.WaitUntilAsync(
            async () => (await Operator.GetClusterAsync()).Vms.Single(v => v.VmId == "vm-b").State != VmState.Active,
            "the killed VM is no longer Active",
            TimeSpan.FromSeconds(30));

        for (var i = 0; i < 10; i++)
        {
            var record = await Client.InvokeAsync("echo", "after"u8.ToArray());
            Assert.Equal(InvocationStatus.Succeeded, record.Status);
            Assert.Equal("vm-a", record.VmId);
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            await _client.StopAsync();
        }
        catch (Exception ex) when (ex is OrleansException or OperationCanceledException)
        {
        }

        _client.Dispose();
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }

        await _redis.DisposeAsync();
    }
}
