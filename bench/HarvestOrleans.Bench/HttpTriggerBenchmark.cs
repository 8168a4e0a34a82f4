using System.Net;
using System.Text.Json;
using HarvestOrleans.Client;
using HarvestOrleans.Hosting;
using HarvestOrleans.Http;
using HarvestOrleans.Samples;
using Microsoft.AspNetCore.Builder;
using HarvestOrleans.Invocations;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Bench;

/// <summary>
/// What the HTTP trigger costs next to the .NET client: the same no-op 'echo' on the same silo (the silo program's own
/// host, in this process), through <c>POST /api/functions/echo/invoke</c> with an API key, and through an external
/// Orleans client over TCP.
/// </summary>
internal static class HttpTriggerBenchmark
{
    public static async Task<int> RunAsync(bool quick)
    {
        int[] levels = quick ? [1, 16] : [1, 16, 64];
        var rounds = quick ? 1 : 3;
        var (warmup, duration) = quick ? (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)) : (TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
        const string key = "bench-admin-key-0123456789";
        var (siloPort, gatewayPort, httpPort) = (RedisServer.FreePort(), RedisServer.FreePort(), RedisServer.FreePort());
        var siloBuilder = WebApplication.CreateBuilder(
        [
            $"--Silo:Port={siloPort}", $"--Silo:PrimaryPort={siloPort}", $"--Silo:GatewayPort={gatewayPort}", $"--Harvest:Http:Port={httpPort}",
            "--Harvest:Vm:Cores=1024", $"--Harvest:Http:ApiKeys:0:Key={key}", "--Harvest:Http:ApiKeys:0:Namespaces:0=*",
            "--Harvest:Http:MaxConcurrentInvocations=1024", "--Logging:LogLevel:Default=Warning",
        ]);
        siloBuilder.AddHarvestSilo(harvest => harvest.AddFunctions(SampleFunctions.All));
        await using var silo = siloBuilder.Build();
        silo.MapHarvestSilo();
        await silo.StartAsync();

        var clientBuilder = Host.CreateApplicationBuilder();
        clientBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
        clientBuilder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort).UseHarvestClient());
        using var client = clientBuilder.Build();
        await client.StartAsync();
        var harvest = client.Services.GetRequiredService<HarvestClient>();

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var payload = """{"message":"bench"}"""u8.ToArray();
        Func<int, Task<bool>> viaClient = async _ => (await harvest.InvokeAsync("echo", payload)).Status == InvocationStatus.Succeeded;
        Func<int, Task<bool>> viaHttp = async _ =>
        {
            using var response = await http.PostAsync("/api/functions/echo/invoke", new ByteArrayContent(payload));
            await response.Content.CopyToAsync(Stream.Null);
            return response.StatusCode == HttpStatusCode.OK;
        };

        Console.WriteLine("HTTP trigger: no-op 'echo' through POST /api/functions/echo/invoke (API key, JSON record) vs the .NET client over TCP, same silo.");
        Console.WriteLine($"Each cell: median of {rounds} round(s) of {warmup.TotalSeconds:0.#} s warm-up + {duration.TotalSeconds:0.#} s measured, sides alternating; silo, callers and client share this process. Environment.ProcessorCount = {Environment.ProcessorCount}.");
        Console.WriteLine();
        Console.WriteLine($"{"callers",7} | {".NET calls/s",12} {"p50 us",8} {"p99 us",8} | {"HTTP calls/s",12} {"p50 us",8} {"p99 us",8} | {"thrpt ratio",11} {"p50 ratio",9}");
        Console.WriteLine(new string('-', 104));
        var rows = new List<object>();
        foreach (var callers in levels)
        {
            var (dotnet, overHttp) = await LoadRun.CompareAsync(callers, rounds, warmup, duration, viaClient, viaHttp);
            Console.WriteLine($"{callers,7} | {dotnet.CallsPerSecond,12:N0} {dotnet.P50Us,8:N0} {dotnet.P99Us,8:N0} | {overHttp.CallsPerSecond,12:N0} {overHttp.P50Us,8:N0} {overHttp.P99Us,8:N0} | " +
                $"{overHttp.CallsPerSecond / dotnet.CallsPerSecond,11:P0} {overHttp.P50Us / dotnet.P50Us,8:0.00}x" +
                (dotnet.Errors + overHttp.Errors > 0 ? $"  errors client={dotnet.Errors} http={overHttp.Errors}" : ""));
            rows.Add(new { callers, client = new { dotnet.CallsPerSecond, dotnet.P50Us, dotnet.P99Us }, http = new { overHttp.CallsPerSecond, overHttp.P50Us, overHttp.P99Us } });
        }

        Console.WriteLine(JsonSerializer.Serialize(new { benchmark = "http-trigger", rows }));
        await client.StopAsync();
        await silo.StopAsync();
        return 0;
    }
}
