using HarvestOrleans.Client;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace HarvestOrleans.Tests.Processes;

/// <summary>A real Redis, silo processes that join through it, and a .NET client that finds them there.</summary>
public sealed class RedisProcessCluster : IAsyncDisposable
{
    private readonly Dictionary<string, (SiloProcess Process, Uri Http)> _silos = [];
    private IHost? _client;

    private RedisProcessCluster(RedisServer redis) => Redis = redis;

    public RedisServer Redis { get; }

    public HarvestOperator Operator => Services.GetRequiredService<HarvestOperator>();

    public HarvestClient Client => Services.GetRequiredService<HarvestClient>();

    private IServiceProvider Services => (_client ?? throw new InvalidOperationException("ConnectClientAsync first.")).Services;

    public SiloProcess Silo(string vmId) => _silos[vmId].Process;

    public Uri Http(string vmId) => _silos[vmId].Http;

    public static async Task<RedisProcessCluster> StartAsync() => new(await RedisServer.StartAsync());

    /// <summary>Starts the Silo program as VM <paramref name="vmId"/> with 2 cores on free ports, joined through Redis.</summary>
    public SiloProcess StartSilo(string vmId, params string[] extra)
    {
        var httpPort = RedisServer.FreePort();
        var process = SiloProcess.Start(
        [
            $"--Harvest:Cluster:Redis={Redis.ConnectionString}",
            "--Harvest:SampleFunctions=true",
            $"--Silo:Port={RedisServer.FreePort()}",
            $"--Silo:GatewayPort={RedisServer.FreePort()}",
            $"--Harvest:Http:Port={httpPort}",
            $"--Harvest:Vm:VmId={vmId}",
            "--Harvest:Vm:Cores=2",
            .. extra,
        ]);
        _silos[vmId] = (process, new Uri($"http://127.0.0.1:{httpPort}"));
        return process;
    }

    /// <summary>Connects the client once a silo has registered its gateway in Redis.</summary>
    public async Task ConnectClientAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client
            .UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(Redis.ConnectionString))
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("harvest", "harvest-orleans"))
            // A request that was on its way to a killed silo's gateway gets no answer: give up on it after 5 s, not 30.
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
        }, $"a silo process registered its gateway in Redis\n{SiloOutput()}", TimeSpan.FromSeconds(60));
    }

    public Task WaitForActiveAsync(params string[] vms) => Eventually.WaitUntilAsync(
        async () =>
        {
            var active = (await Operator.GetClusterAsync()).Vms.Where(v => v.State == VmState.Active).Select(v => v.VmId).ToHashSet();
            return vms.All(active.Contains);
        },
        $"{string.Join(", ", vms)} are Active VMs\n{SiloOutput()}",
        TimeSpan.FromSeconds(90));

    private string SiloOutput() => string.Join("\n", _silos.Select(s => $"--- {s.Key} ({s.Value.Process.LogFile}):\n{s.Value.Process.Output}"));

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            try
            {
                await _client.StopAsync();
            }
            catch (Exception ex) when (ex is OrleansException or OperationCanceledException)
            {
            }

            _client.Dispose();
        }

        foreach (var (process, _) in _silos.Values)
        {
            process.Dispose();
        }

        await Redis.DisposeAsync();
    }
}
