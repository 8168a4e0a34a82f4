using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HarvestOrleans.Client;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Invocations;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Http;

/// <summary>The trigger under overload and eviction drain, and operators' policy switches: each test has its own VM.</summary>
[Trait("Category", "External")]
public sealed class HttpTriggerLifecycleTests
{
    [Fact]
    public async Task Beyond_its_concurrency_limit_the_trigger_answers_429_with_retry_after()
    {
        await using var host = await TriggerHost.StartAsync("--Harvest:Http:MaxConcurrentInvocations=1", "--Harvest:Http:MaxQueuedInvocations=0");
        using var http = host.Http();
        var invoker = host.Services.GetRequiredService<FunctionInvoker>();
        var first = http.PostAsync("/api/functions/sleep/invoke", Json("""{"milliseconds":3000}"""));
        await Eventually.WaitUntilAsync(() => invoker.Admission.Running == 1, "the first invocation is running");

        var second = await http.PostAsync("/api/functions/echo/invoke", Json("{}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
        Assert.Equal("QueueFull", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
    }

    [Fact]
    public async Task A_draining_vm_answers_503_with_the_eviction_reason()
    {
        await using var host = await TriggerHost.StartAsync();
        using var http = host.Http();
        var ops = host.Services.GetRequiredService<HarvestOperator>();
        await ops.EvictVmAsync("vm-http", TimeSpan.FromMinutes(10), "harvest VM reclaimed");

        var response = await http.PostAsync("/api/functions/echo/invoke", Json("{}"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(InvocationErrorTypes.VmDraining, error.GetProperty("error").GetString());
        Assert.Contains("Draining", error.GetProperty("message").GetString());

        var async = await http.PostAsync("/api/functions/echo/invoke-async", Json("{}"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, async.StatusCode);
    }

    [Fact]
    public async Task A_policy_set_by_an_operator_is_planned_with_and_shown_by_the_trigger()
    {
        await using var host = await TriggerHost.StartAsync();
        using var http = host.Http();
        var ops = host.Services.GetRequiredService<HarvestOperator>();
        Assert.Equal("MinWorkerSet", (await ops.GetFunctionRoutingAsync("echo")).Policy);

        await Assert.ThrowsAsync<ArgumentException>(() => ops.SetPolicyAsync("NoSuchPolicy", null));
        var set = await ops.SetPolicyAsync("JoinShortestQueue", "NoFailures");
        Assert.Equal(("JoinShortestQueue", "NoFailures", 1L), (set.Balancing, set.Eviction, set.Version));

        await Eventually.WaitUntilAsync(
            async () => (await ops.GetFunctionRoutingAsync("echo")).Policy == "JoinShortestQueue",
            "the function grain plans with the new policy");
        var history = await http.GetFromJsonAsync<JsonElement>("/api/cluster/history");
        Assert.Equal("JoinShortestQueue", history.GetProperty("policy").GetProperty("balancing").GetString());
        Assert.Equal(set, await ops.GetPolicyAsync());
    }

    [Fact]
    public async Task The_page_and_the_dashboard_render_in_headless_chromium_and_refuse_a_browser_without_a_key()
    {
        await using var host = await TriggerHost.StartAsync();
        using var http = host.Http();
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/functions/echo/invoke", Json("{}"))).StatusCode);
        await Eventually.WaitUntilAsync(
            async () => (await http.GetFromJsonAsync<JsonElement>("/api/cluster/history")).GetProperty("samples").GetArrayLength() >= 2
                && (await http.GetFromJsonAsync<JsonElement>("/api/cluster/history")).GetProperty("functions").GetArrayLength() >= 1,
            "the history has samples and the echo function's worker set");

        var page = await HeadlessChromium.DumpDomAsync(new Uri(host.BaseAddress, $"/ui?api-key={TriggerHost.AdminKey}"));
        Assert.Contains("data-rendered=\"true\"", page);
        Assert.Contains("data-vm=\"vm-http\"", page);
        Assert.Contains("data-function=\"echo\"", page);
        Assert.Matches("class=\"worker-set\">vm-http<", page);
        Assert.Matches("<polyline class=\"cores\" points=\"[0-9., ]+\"", page);

        var refused = await HeadlessChromium.DumpDomAsync(new Uri(host.BaseAddress, "/ui"));
        Assert.Contains("A valid API key is required", refused);
        Assert.DoesNotContain("vm-http", refused);

        var dashboard = await HeadlessChromium.DumpDomAsync(new Uri(host.BaseAddress, $"/dashboard/?api-key={TriggerHost.AdminKey}"));
        Assert.Contains("Orleans Dashboard", dashboard);
        Assert.Contains("Active Silos", dashboard);
        var dashboardRefused = await HeadlessChromium.DumpDomAsync(new Uri(host.BaseAddress, "/dashboard/"));
        Assert.DoesNotContain("Active Silos", dashboardRefused);
        Assert.Contains("A valid API key is required", dashboardRefused);
    }

    [Theory]
    [InlineData(InvocationStatus.Succeeded, null, 200)]
    [InlineData(InvocationStatus.Failed, "System.InvalidOperationException", 502)]
    [InlineData(InvocationStatus.TimedOut, InvocationErrorTypes.Timeout, 504)]
    [InlineData(InvocationStatus.NotFound, InvocationErrorTypes.FunctionNotFound, 404)]
    [InlineData(InvocationStatus.Evicted, InvocationErrorTypes.WorkerLost, 502)]
    [InlineData(InvocationStatus.Rejected, InvocationErrorTypes.PayloadTooLarge, 413)]
    [InlineData(InvocationStatus.Rejected, InvocationErrorTypes.InvalidRequest, 400)]
    [InlineData(InvocationStatus.Rejected, InvocationErrorTypes.QueueFull, 429)]
    [InlineData(InvocationStatus.Rejected, InvocationErrorTypes.QueueWaitExceeded, 429)]
    [InlineData(InvocationStatus.Rejected, InvocationErrorTypes.NoCapacity, 429)]
    [InlineData(InvocationStatus.Rejected, InvocationErrorTypes.VmDraining, 503)]
    public void Each_final_status_has_its_http_status(InvocationStatus status, string? errorType, int expected)
    {
        var record = errorType is null
            ? new InvocationRecord { Id = Guid.NewGuid(), Function = "f", Status = status }
            : InvocationRecord.Fail(Guid.NewGuid(), "f", null, status, errorType, "m");
        Assert.Equal(expected, HarvestOrleans.Http.InvocationStatusCodes.For(record));
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
