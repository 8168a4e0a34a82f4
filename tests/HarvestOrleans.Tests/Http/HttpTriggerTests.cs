using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HarvestOrleans.Client;
using HarvestOrleans.Tests.Infrastructure;
using Orleans;

namespace HarvestOrleans.Tests.Http;

/// <summary>The silo's HTTP trigger: sync and async invocations, records by id, and API keys on every route.</summary>
[Trait("Category", "External")]
public sealed class HttpTriggerTests(TriggerHostFixture fixture) : IClassFixture<TriggerHostFixture>
{
    private TriggerHost Host => fixture.Host;

    [Fact]
    public async Task A_sync_invocation_returns_the_final_record_with_the_output_inline()
    {
        using var http = Host.Http();
        var response = await http.PostAsync("/api/functions/echo/invoke", Json("""{"message":"hi"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = await Body(response);
        Assert.Equal("Succeeded", record.GetProperty("status").GetString());
        Assert.Equal("hi", record.GetProperty("output").GetProperty("message").GetString());
        Assert.Equal("vm-http", record.GetProperty("vmId").GetString());
    }

    [Fact]
    public async Task An_async_invocation_is_accepted_then_its_one_final_record_is_read_by_id()
    {
        using var http = Host.Http();
        var response = await http.PostAsync("/api/functions/sleep/invoke-async", Json("""{"milliseconds":200}"""));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await Body(response);
        var location = accepted.GetProperty("location").GetString()!;
        Assert.Equal(location, response.Headers.Location!.ToString());

        JsonElement invocation = default;
        await Eventually.WaitUntilAsync(async () =>
        {
            invocation = await Body(await http.GetAsync(location));
            return invocation.GetProperty("state").GetString() == "Completed";
        }, "the async invocation completed", TimeSpan.FromSeconds(30));
        var record = invocation.GetProperty("record");
        Assert.Equal("Succeeded", record.GetProperty("status").GetString());
        Assert.Equal(accepted.GetProperty("id").GetGuid(), record.GetProperty("id").GetGuid());
        Assert.Equal(200, record.GetProperty("output").GetProperty("milliseconds").GetInt32());
        Assert.Equal(1, invocation.GetProperty("dispatches").GetInt32());
    }

    [Fact]
    public async Task Bad_requests_get_typed_errors()
    {
        using var http = Host.Http();
        var unknown = await http.PostAsync("/api/functions/no-such-function/invoke", Json("{}"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("FunctionNotFound", (await Body(unknown)).GetProperty("error").GetProperty("type").GetString());

        var unknownAsync = await http.PostAsync("/api/functions/no-such-function/invoke-async", Json("{}"));
        Assert.Equal(HttpStatusCode.NotFound, unknownAsync.StatusCode);

        var limit = Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HarvestClientOptions>>().Value.MaxPayloadBytes;
        var tooLarge = await http.PostAsync("/api/functions/echo/invoke", new ByteArrayContent(new byte[limit + 1]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);

        var neverAccepted = await http.GetAsync($"/api/invocations/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, neverAccepted.StatusCode);
    }

    [Fact]
    public async Task Malformed_input_to_a_json_function_is_a_400_with_a_typed_error()
    {
        using var http = Host.Http();
        var notJson = await http.PostAsync("/api/functions/sleep/invoke", Json("""{"milliseconds": """));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        var record = await Body(notJson);
        Assert.Equal("Rejected", record.GetProperty("status").GetString());
        Assert.Equal("InvalidRequest", record.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("not valid JSON", record.GetProperty("error").GetProperty("message").GetString());

        byte[] latin1 = [.. """{"milliseconds":1,"note":"caf"""u8, 0xE9, .. "\"}"u8]; // "café" in Latin-1: not UTF-8
        var notUtf8 = await http.PostAsync("/api/functions/sleep/invoke", new ByteArrayContent(latin1));
        Assert.Equal(HttpStatusCode.BadRequest, notUtf8.StatusCode);
        Assert.Equal("InvalidRequest", (await Body(notUtf8)).GetProperty("error").GetProperty("type").GetString());
        Assert.False(notUtf8.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Unknown_names_activate_nothing_cache_nothing_and_export_no_series()
    {
        using var http = Host.Http();
        var names = Enumerable.Range(0, 100).Select(i => $"unknown-{i}-{Guid.NewGuid():N}").ToHashSet();
        foreach (var name in names)
        {
            var sync = await http.PostAsync($"/api/functions/{name}/invoke", Json("{}"));
            Assert.Equal(HttpStatusCode.NotFound, sync.StatusCode);
            Assert.Equal("FunctionNotFound", (await Body(sync)).GetProperty("error").GetProperty("type").GetString());
            Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"/api/functions/{name}/invoke-async", Json("{}"))).StatusCode);
        }

        // Checked at once, without waiting: nothing was activated for them in the first place.
        Assert.Empty(await Activations.WithKeysAsync(Host.Services.GetRequiredService<IGrainFactory>(), names));
        Assert.DoesNotContain(names, Host.Services.GetRequiredService<HarvestClient>().Routes.Contains);
        var metrics = await http.GetStringAsync("/metrics");
        Assert.DoesNotContain(names, name => metrics.Contains(name, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("POST", "/api/functions/echo/invoke")]
    [InlineData("POST", "/api/functions/echo/invoke-async")]
    [InlineData("GET", "/api/cluster")]
    [InlineData("GET", "/api/cluster/history")]
    [InlineData("GET", "/ui")]
    [InlineData("GET", "/dashboard/")]
    [InlineData("GET", "/metrics")]
    public async Task Every_route_refuses_a_missing_or_wrong_key_with_401_and_no_data(string method, string path)
    {
        foreach (var key in new[] { null, "wrong-key-0123456789abcdef" })
        {
            using var http = Host.Http(key);
            var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? Json("{}") : null });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("vm-http", body);
            Assert.Contains("API key", body);
        }
    }

    [Fact]
    public async Task A_key_scoped_to_another_namespace_gets_403_for_functions_records_and_cluster()
    {
        using var admin = Host.Http();
        var accepted = await Body(await admin.PostAsync("/api/functions/echo/invoke-async", Json("{}")));

        using var reports = Host.Http(TriggerHost.ReportsKey);
        foreach (var response in new[]
        {
            await reports.PostAsync("/api/functions/echo/invoke", Json("{}")),
            await reports.PostAsync("/api/functions/echo/invoke-async", Json("{}")),
            await reports.GetAsync(accepted.GetProperty("location").GetString()),
            await reports.GetAsync("/api/cluster"),
            await reports.GetAsync("/dashboard/"),
        })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("vm-http", await response.Content.ReadAsStringAsync());
        }

        // In its own namespace the key passes authorization: "reports.daily" is simply not registered.
        var own = await reports.PostAsync("/api/functions/reports.daily/invoke", Json("{}"));
        Assert.Equal(HttpStatusCode.NotFound, own.StatusCode);
    }

    [Fact]
    public async Task The_cluster_snapshot_and_metrics_are_served_to_an_admin_key()
    {
        using var http = Host.Http();
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/functions/echo/invoke", Json("{}"))).StatusCode);

        var cluster = await Body(await http.GetAsync("/api/cluster"));
        var vm = cluster.GetProperty("vms").EnumerateArray().Single();
        Assert.Equal("vm-http", vm.GetProperty("vmId").GetString());
        Assert.Equal("Active", vm.GetProperty("state").GetString());

        string metrics = "";
        await Eventually.WaitUntilAsync(async () =>
        {
            metrics = await http.GetStringAsync("/metrics");
            return metrics.Contains("harvest_invocations_total{", StringComparison.Ordinal);
        }, "the invocation counter is exported", TimeSpan.FromSeconds(30));
        Assert.Contains("status=\"Succeeded\"", metrics);
        Assert.Contains("harvest_vm_cores{", metrics);
        Assert.Contains("harvest_invocation_latency_milliseconds_bucket{", metrics);
    }

    [Fact]
    public async Task An_entity_is_invoked_by_id_over_http_and_keeps_its_total_and_a_key_of_another_namespace_gets_403()
    {
        using var http = Host.Http();
        var id = $"cart-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync($"/api/entities/running-total/{id}/invoke", Json("""{"amount":3}"""))).StatusCode);
        var second = await http.PostAsync($"/api/entities/running-total/{id}/invoke", Json("""{"amount":4}"""));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var output = (await Body(second)).GetProperty("output");
        Assert.Equal((7, 2), (output.GetProperty("sum").GetInt64(), output.GetProperty("count").GetInt64()));
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync($"/api/entities/echo/{id}/invoke", Json("{}"))).StatusCode); // not an entity
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"/api/entities/nothing/{id}/invoke", Json("{}"))).StatusCode);
        using var reports = Host.Http(TriggerHost.ReportsKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await reports.PostAsync($"/api/entities/running-total/{id}/invoke", Json("{}"))).StatusCode);
    }

    [Fact]
    public async Task A_keys_namespaces_bound_what_its_functions_call_directly()
    {
        using var pipeline = Host.Http(TriggerHost.PipelineKey);
        var inside = await Body(await pipeline.PostAsync("/api/functions/pipeline.fan-out/invoke", Json("""{"target":"pipeline.score","items":[{"features":[1,0,0,0]}]}""")));
        var outside = await Body(await pipeline.PostAsync("/api/functions/pipeline.fan-out/invoke", Json("""{"target":"echo","items":[{"message":"x"}]}""")));
        var laterOutside = await Body(await pipeline.PostAsync("/api/functions/pipeline.fan-out/invoke-async", Json("""{"target":"echo","items":[{"message":"x"}]}""")));

        Assert.Equal("Succeeded", inside.GetProperty("output").GetProperty("results")[0].GetProperty("status").GetString());
        var refused = outside.GetProperty("output").GetProperty("results")[0];
        Assert.Equal(("Rejected", "Forbidden"), (refused.GetProperty("status").GetString(), refused.GetProperty("errorType").GetString()));

        // Run later by its async grain, the invocation keeps the scope of the key that submitted it.
        using var http = Host.Http();
        JsonElement done = default;
        await Eventually.WaitUntilAsync(async () =>
        {
            done = await Body(await http.GetAsync(laterOutside.GetProperty("location").GetString()));
            return done.GetProperty("state").GetString() == "Completed";
        }, "the async fan-out completed");
        var output = JsonDocument.Parse(done.GetProperty("record").GetProperty("output").GetRawText()).RootElement;
        Assert.Equal("Forbidden", output.GetProperty("results")[0].GetProperty("errorType").GetString());

        // An admin key may call anything, and so may what it invokes.
        var admin = await Body(await http.PostAsync("/api/functions/pipeline.fan-out/invoke", Json("""{"target":"echo","items":[{"message":"x"}]}""")));
        Assert.Equal("Succeeded", admin.GetProperty("output").GetProperty("results")[0].GetProperty("status").GetString());
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
