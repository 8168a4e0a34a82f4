using HarvestOrleans.Invocations;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Cluster;

[Collection(SharedClusterCollection.Name)]
[Trait("Category", "Cluster")]
public class FailureTests(HarvestClusterFixture fixture)
{
    [Fact]
    public async Task A_throwing_function_gives_a_failed_record_naming_the_exception()
    {
        var record = await fixture.Client.InvokeAsync("throws", HarvestOrleans.Functions.FunctionPayload.FromString("x"));
        Assert.Equal(InvocationStatus.Failed, record.Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, record.Error!.Type);
        Assert.Equal("boom: x", record.Error.Message);
        Assert.NotNull(record.VmId);

        var ex = await Assert.ThrowsAsync<FunctionFailedException>(() => fixture.Client.InvokeAsync<string, string>("throws", "y"));
        Assert.Equal(InvocationStatus.Failed, ex.Record.Status);
    }

    [Fact]
    public async Task An_unknown_function_gives_a_clear_error_naming_it()
    {
        var record = await fixture.Client.InvokeJsonAsync("no-such-function", 1);
        Assert.Equal(InvocationStatus.NotFound, record.Status);
        Assert.Equal(InvocationErrorTypes.FunctionNotFound, record.Error!.Type);
        Assert.Contains("'no-such-function'", record.Error.Message);

        var pinned = await fixture.Client.InvokeJsonAsync("echo", 1, version: "42");
        Assert.Equal(InvocationStatus.NotFound, pinned.Status);
        Assert.Contains("no version '42'", pinned.Error!.Message);

        await Assert.ThrowsAsync<FunctionNotFoundException>(() => fixture.Client.InvokeAsync<int, int>("no-such-function", 1));
    }

    [Fact]
    public async Task Unknown_names_leave_no_function_grain_activated_and_no_route_cached()
    {
        var names = Enumerable.Range(0, 200).Select(i => $"unknown-{i}-{Guid.NewGuid():N}").ToHashSet();
        var cachedBefore = fixture.Client.Routes.Count;
        foreach (var name in names)
        {
            Assert.Equal(InvocationStatus.NotFound, (await fixture.Client.InvokeAsync(name, [])).Status);
        }

        Assert.DoesNotContain(names, fixture.Client.Routes.Contains);
        Assert.Equal(cachedBefore, fixture.Client.Routes.Count);
        string[] left = [];
        await Eventually.WaitUntilAsync(
            async () => (left = await Activations.WithKeysAsync(fixture.Cluster.Client, names)).Length == 0,
            () => $"no FunctionGrain of an unknown name is left activated ({left.Length} of {names.Count} are)");

        // A registered function still routes (and keeps its route) after all that.
        Assert.True((await fixture.Client.InvokeAsync("echo", "hi"u8.ToArray())).IsSuccess);
        Assert.True(fixture.Client.Routes.Contains("echo"));
    }

    [Fact]
    public async Task Malformed_input_to_a_json_function_is_the_callers_error_not_the_functions()
    {
        // Not JSON for the function's input type.
        var notJson = await fixture.Client.InvokeAsync("work", "{\"milliseconds\": "u8.ToArray());
        Assert.Equal(InvocationStatus.Rejected, notJson.Status);
        Assert.Equal(InvocationErrorTypes.InvalidRequest, notJson.Error!.Type);
        Assert.Contains("not valid JSON", notJson.Error.Message);

        // Well-formed JSON, but not UTF-8 (0xC3 0x28 is an invalid sequence), in a member the function would skip.
        byte[] notUtf8 = [.. "{\"milliseconds\":1,\"note\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        var notText = await fixture.Client.InvokeAsync("work", notUtf8);
        Assert.Equal(InvocationStatus.Rejected, notText.Status);
        Assert.Equal(InvocationErrorTypes.InvalidRequest, notText.Error!.Type);
        Assert.Contains("UTF-8", notText.Error.Message);

        // The typed helper throws the matching exception (a rejection: nothing to retry).
        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => fixture.Client.InvokeAsync<string, object>("work", "not an object"));
        Assert.Equal(InvocationErrorTypes.InvalidRequest, ex.Record.Error!.Type);
        Assert.Equal(1, ex.Record.Attempts);

        // A function's own failure is still Failed.
        Assert.Equal(InvocationStatus.Failed, (await fixture.Client.InvokeAsync("throws", "x"u8.ToArray())).Status);
    }

    [Fact]
    public async Task An_oversized_payload_is_rejected_before_routing()
    {
        var record = await fixture.Client.InvokeAsync("echo", new byte[(1024 * 1024) + 1]);
        Assert.Equal(InvocationStatus.Rejected, record.Status);
        Assert.Equal(InvocationErrorTypes.PayloadTooLarge, record.Error!.Type);
        Assert.Null(record.VmId);

        var atLimit = await fixture.Client.InvokeAsync("echo", new byte[1024 * 1024]);
        Assert.Equal(InvocationStatus.Succeeded, atLimit.Status);
        Assert.Equal(1024 * 1024, atLimit.Output!.Length);
    }

    [Fact]
    public async Task A_function_that_honours_cancellation_times_out_at_its_deadline()
    {
        var record = await fixture.Client.InvokeJsonAsync("slow", new { milliseconds = 10_000 });
        Assert.Equal(InvocationStatus.TimedOut, record.Status);
        Assert.Equal(InvocationErrorTypes.Timeout, record.Error!.Type);
        Assert.InRange(record.ExecutionMs, 250, 5_000);
    }

    [Fact]
    public async Task A_function_ignoring_cancellation_still_times_out_and_holds_its_cores_until_it_ends()
    {
        var record = await fixture.Client.InvokeJsonAsync("stubborn", 2_000);
        Assert.Equal(InvocationStatus.TimedOut, record.Status);
        Assert.True(record.LatencyMs < 1_800, $"the caller got its record at the deadline, not when the function ended ({record.LatencyMs} ms)");

        var invoker = fixture.InvokerOf(record.VmId!);
        Assert.True(invoker.Admission.CoresInUse >= 1, "the still-running function keeps its core");
        StubbornFunction.Release();
        await Eventually.WaitUntilAsync(() => invoker.Admission.CoresInUse == 0, "the core is released when the function really ends");
    }

    [Fact]
    public async Task Function_logs_land_in_the_record()
    {
        var record = await fixture.Client.InvokeAsync("logs", []);
        Assert.True(record.IsSuccess);
        Assert.Equal(2, record.Logs.Length);
        Assert.Contains($"hello from {record.VmId}", record.Logs[0]);
        Assert.Contains("Warning: attempt 1 with 1 core(s)", record.Logs[1]);
    }

    [Fact]
    public async Task The_first_invocation_on_a_vm_is_a_cold_start_and_later_ones_are_warm()
    {
        var first = await fixture.Client.InvokeAsync("coldcheck", []);
        var second = await fixture.Client.InvokeAsync("coldcheck", []);
        Assert.True(first.ColdStart);
        Assert.False(second.ColdStart);
        Assert.Equal(0, second.InitMs);
        Assert.Equal(first.VmId, second.VmId);
    }
}
