using System.Net.Http.Headers;
using HarvestOrleans.Hosting;
using Microsoft.AspNetCore.Builder;

namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>
/// The silo program's own host (<see cref="SiloApplication"/>: one VM, its HTTP trigger, dashboard and metrics) started
/// in this process on free ports, with an admin key and a key scoped to the "reports" namespace.
/// </summary>
public sealed class TriggerHost : IAsyncDisposable
{
    public const string AdminKey = "admin-key-0123456789abcdef";
    public const string ReportsKey = "reports-key-0123456789abcdef";
    public const string PipelineKey = "pipeline-key-0123456789abcdef";

    private TriggerHost(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<TriggerHost> StartAsync(params string[] extra)
    {
        var (siloPort, gatewayPort, httpPort) = (RedisServer.FreePort(), RedisServer.FreePort(), RedisServer.FreePort());
        string[] args =
        [
            $"--Silo:Port={siloPort}", $"--Silo:PrimaryPort={siloPort}", $"--Silo:GatewayPort={gatewayPort}",
            $"--Harvest:Http:Port={httpPort}", "--Harvest:Vm:VmId=vm-http", "--Harvest:Vm:Cores=2",
            "--Harvest:Http:ApiKeys:0:Name=admin", $"--Harvest:Http:ApiKeys:0:Key={AdminKey}",
            "--Harvest:Http:ApiKeys:0:Admin=true", "--Harvest:Http:ApiKeys:0:Namespaces:0=*",
            "--Harvest:Http:ApiKeys:1:Name=reports", $"--Harvest:Http:ApiKeys:1:Key={ReportsKey}",
            "--Harvest:Http:ApiKeys:1:Namespaces:0=reports",
            "--Harvest:Http:ApiKeys:2:Name=pipeline", $"--Harvest:Http:ApiKeys:2:Key={PipelineKey}",
            "--Harvest:Http:ApiKeys:2:Namespaces:0=pipeline",
            "--Harvest:Http:HistoryInterval=00:00:00.200",
            .. extra,
        ];
        var app = SiloApplication.Build(args);
        await app.StartAsync();
        return new TriggerHost(app, new Uri($"http://127.0.0.1:{httpPort}"));
    }

    /// <summary>An HTTP client for the trigger, presenting <paramref name="key"/> (none when null).</summary>
    public HttpClient Http(string? key = AdminKey)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
