using System.Net;
using System.Text.Json;
using HarvestOrleans.Client;
using HarvestOrleans.Hosting;
using HarvestOrleans.Http;
using HarvestOrleans.Samples;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HarvestOrleans.Invocations;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Bench;

/// <summary>
/// What the HTTP trigger costs next to the .NET client and next to bare Kestrel: the same no-op 'echo' on the same silo
/// (the silo program's own host, in this process), through <c>POST /api/functions/echo/invoke</c> with an API key, and
/// through an external Orleans client over TCP; and, as the floor any HTTP endpoint here starts from, a minimal-API
/// endpoint on its own Kestrel in the same process that parses the same JSON body and returns a small JSON record.
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

        var kestrelPort = RedisServer.FreePort();
        await using var kestrel = BareKestrel(kestrelPort);
        await kestrel.StartAsync();

        var clientBuilder = Host.CreateApplicationBuilder();
        clientBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
        clientBuilder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort).UseHarvestClient());
        using var client = clientBuilder.Build();
        await client.StartAsync();
        var harvest = client.Services.GetRequiredService<HarvestClient>();

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var payload = """{"message":"bench"}"""u8.ToArray();
        Func<int, Task<bool>> viaKestrel = async _ =>
        {
            using var response = await http.PostAsync($"http://127.0.0.1:{kestrelPort}/echo", new ByteArrayContent(payload) { Headers = { ContentType = new("application/json") } });
            await response.Content.CopyToAsync(Stream.Null);
            return response.StatusCode == HttpStatusCode.OK;
        };
        Func<int, Task<bool>> viaClient = async _ => (await harvest.InvokeAsync("echo", payload)).Status == InvocationStatus.Succeeded;
        Func<int, Task<bool>> viaHttp = async _ =>
        {
            using var response = await http.PostAsync("/api/functions/echo/invoke", new ByteArrayContent(payload));
            await response.Content.CopyToAsync(Stream.Null);
            return response.StatusCode == HttpStatusCode.OK;
        };

        Console.WriteLine("HTTP trigger: no-op 'echo' through POST /api/functions/echo/invoke (API key, JSON record) vs the .NET client over TCP, same silo, and vs bare Kestrel (a minimal-API endpoint parsing the same JSON body and returning a small JSON record).");
        Console.WriteLine($"Each cell: median of {rounds} round(s) of {warmup.TotalSeconds:0.#} s warm-up + {duration.TotalSeconds:0.#} s measured, the three sides rotating; silo, Kestrel, callers and client share this process. Environment.ProcessorCount = {Environment.ProcessorCount}.");
        Console.WriteLine();
        Console.WriteLine($"{"callers",7} | {".NET calls/s",12} {"p50 us",7} | {"Kestrel calls/s",15} {"p50 us",7} {"p99 us",7} {"CPU s/1k",8} | {"HTTP calls/s",12} {"p50 us",7} {"p99 us",7} {"CPU s/1k",8} | {"vs .NET",7} {"vs Kestrel",10} {"p50 x",6}");
        Console.WriteLine(new string('-', 150));
        var rows = new List<object>();
        foreach (var callers in levels)
        {
            var results = await LoadRun.CompareAsync(callers, rounds, warmup, duration, ("client", viaClient), ("kestrel", viaKestrel), ("http", viaHttp));
            var (dotnet, bare, overHttp) = (results[0], results[1], results[2]);
            Console.WriteLine($"{callers,7} | {dotnet.CallsPerSecond,12:N0} {dotnet.P50Us,7:N0} | {bare.CallsPerSecond,15:N0} {bare.P50Us,7:N0} {bare.P99Us,7:N0} {bare.CpuSecondsPer1k,8:0.000} | " +
                $"{overHttp.CallsPerSecond,12:N0} {overHttp.P50Us,7:N0} {overHttp.P99Us,7:N0} {overHttp.CpuSecondsPer1k,8:0.000} | " +
                $"{overHttp.CallsPerSecond / dotnet.CallsPerSecond,7:P0} {overHttp.CallsPerSecond / bare.CallsPerSecond,10:P0} {overHttp.P50Us / bare.P50Us,5:0.00}x" +
                (dotnet.Errors + bare.Errors + overHttp.Errors > 0 ? $"  errors client={dotnet.Errors} kestrel={bare.Errors} http={overHttp.Errors}" : ""));
            rows.Add(new
            {
                callers,
                client = Figures(dotnet),
                kestrel = Figures(bare),
                http = Figures(overHttp),
                httpOverKestrelThroughput = Math.Round(overHttp.CallsPerSecond / bare.CallsPerSecond, 3),
                httpOverKestrelP50 = Math.Round(overHttp.P50Us / bare.P50Us, 3),
            });
        }

        // Where the trigger's bytes go beyond bare Kestrel's (the HTTP client's are in both): each side's allocations
        // sampled by type, in passes of their own.
        var (httpRun, httpTypes) = await AllocationProfile.SampleAsync("http", 16, warmup, duration, viaHttp);
        var (bareRun, bareTypes) = await AllocationProfile.SampleAsync("kestrel", 16, warmup, duration, viaKestrel);
        var (httpCall, bareCall) = (httpRun.AllocatedBytesPerCall, bareRun.AllocatedBytesPerCall);
        Console.WriteLine();
        Console.WriteLine($"Per call at 16 callers: the trigger allocates {httpCall / 1024:0.0} KB, bare Kestrel {bareCall / 1024:0.0} KB (the process's allocations, callers included). The types the trigger allocates most beyond Kestrel (bytes per call, from sampled allocation events):");
        foreach (var (type, extra) in httpTypes
            .Select(t => (t.Type, Extra: (t.Share * httpCall) - (bareTypes.FirstOrDefault(b => b.Type == t.Type).Share * bareCall)))
            .OrderByDescending(t => t.Extra)
            .Take(15))
        {
            Console.WriteLine($"  {extra,7:N0} B  {type}");
        }

        Console.WriteLine();
        Console.WriteLine("Goal (issue 17) at 16 and 64 callers: the trigger at >= 60% of bare Kestrel's calls/s and <= 1.5x its p50. 'CPU s/1k': the process's CPU seconds per 1,000 calls.");
        Console.WriteLine(JsonSerializer.Serialize(new { benchmark = "http-trigger", rows }));
        await client.StopAsync();
        await kestrel.StopAsync();
        await silo.StopAsync();
        return 0;
    }

    private static object Figures(LoadRun.Result r) => new
    {
        r.CallsPerSecond,
        r.P50Us,
        r.P99Us,
        CpuSecondsPer1k = Math.Round(r.CpuSecondsPer1k, 4),
        AllocatedBytesPerCall = Math.Round(r.AllocatedBytesPerCall),
    };

    /// <summary>The baseline: Kestrel and one minimal-API endpoint that reads the JSON body and answers a JSON record.</summary>
    private static WebApplication BareKestrel(int port)
    {
        var builder = WebApplication.CreateSlimBuilder([$"--urls=http://127.0.0.1:{port}", "--Logging:LogLevel:Default=Warning"]);
        var app = builder.Build();
        app.MapPost("/echo", (EchoBody body) => Results.Json(new EchoReply(body.Message, "Succeeded")));
        return app;
    }

    private sealed record EchoBody(string? Message);

    private sealed record EchoReply(string? Output, string Status);
}
