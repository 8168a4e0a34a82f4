using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.Functions;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Invocations;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HarvestOrleans.Tests.Invocation;

[CollectionDefinition(Name)]
[Trait("Category", "Cluster")]
public sealed class AsyncRecordCollection : ICollectionFixture<AsyncRecordCluster>
{
    public const string Name = "async records";
}

/// <summary>An async invocation's final record is served only once stored, and exactly one is stored (issue 12, item 7).</summary>
[Collection(AsyncRecordCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class AsyncFinalRecordTests(AsyncRecordCluster fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_final_record_is_served_only_once_stored_and_a_failed_write_leaves_readers_nothing_storage_lacks()
    {
        var storage = fixture.Storage;
        var writing = new TaskCompletionSource<(GrainId Grain, InvocationRecord Record)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var outcome = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = 0;
        storage.BeforeFinalWrite = async (grain, record) =>
        {
            if (Interlocked.Exchange(ref held, 1) == 0)
            {
                writing.SetResult((grain, record));
                await outcome.Task; // held until the test decides: then this one write fails
            }
        };

        try
        {
            var accepted = await fixture.Client.SubmitAsync("echo", FunctionPayload.FromString("once").ToArray());
            var (grain, unstored) = await writing.Task.WaitAsync(Patience);
            Assert.Equal(fixture.Grains.GetGrain<IAsyncInvocationGrain>(accepted.Id).GetGrainId(), grain);

            // The write is under way: a reader is not told of the record yet.
            var during = await fixture.Client.GetInvocationAsync(accepted.Id);
            Assert.Equal(AsyncInvocationState.Running, during.State);
            Assert.Null(during.Record);

            // The write fails: still nothing to serve.
            outcome.SetException(new IOException("storage unavailable"));
            var afterFailure = await fixture.Client.GetInvocationAsync(accepted.Id);
            if (afterFailure.Record is { } early)
            {
                Assert.Contains(storage.StoredFinals, s => s.Grain == grain && Same(s.Record, early));
            }

            using var wait = new CancellationTokenSource(Patience);
            var served = await fixture.Client.WaitForRecordAsync(accepted.Id, TimeSpan.FromMilliseconds(20), wait.Token);
            var stored = Assert.Single(storage.StoredFinals, s => s.Grain == grain).Record;
            Assert.True(Same(stored, served), $"served {Describe(served)}, stored {Describe(stored)}");
            Assert.Equal(InvocationStatus.Succeeded, served.Status);
            Assert.True(Same(unstored, served), "the failed write was retried with the same record, not a second run");

            var again = await fixture.Client.GetInvocationAsync(accepted.Id);
            Assert.True(Same(stored, again.Record!), "a later read serves the same, stored record");
        }
        finally
        {
            storage.BeforeFinalWrite = null;
            outcome.TrySetResult();
        }
    }

    private static bool Same(InvocationRecord a, InvocationRecord b) =>
        (a.Id, a.Status, a.VmId, a.CompletedAt, a.ExecutionMs, a.Attempts) == (b.Id, b.Status, b.VmId, b.CompletedAt, b.ExecutionMs, b.Attempts);

    private static string Describe(InvocationRecord r) => $"{r.Status} on {r.VmId} at {r.CompletedAt:O} ({r.ExecutionMs} ms, {r.Attempts} attempt(s))";
}

/// <summary>A pinned version is routed with its own spec (issue 12, item 9).</summary>
[Collection(AsyncRecordCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class PinnedVersionRoutingTests(AsyncRecordCluster fixture)
{
    [Fact]
    public async Task A_pinned_version_is_waited_for_and_retried_by_its_own_timeout_and_idempotency()
    {
        // Version 1 works for 4 s: well within its own 30 s timeout, and past the wait that version 2's spec allows
        // (0.5 s timeout + 1 s queue wait + 0.5 s grace), after which a caller would give up and, version 2 being
        // idempotent, run it again.
        var work = (int)(AsyncRecordClusterFixture.PinnedV2.Timeout + AsyncRecordClusterFixture.MaxQueueWait + AsyncRecordClusterFixture.ResponseGrace).TotalMilliseconds + 2000;
        Assert.True(TimeSpan.FromMilliseconds(work) < AsyncRecordClusterFixture.PinnedV1.Timeout / 2);

        var record = await fixture.Client.InvokeJsonAsync("pinned", work, version: "1");

        Assert.True(record.Status == InvocationStatus.Succeeded, $"{record.Status}: {record.Error?.Type} {record.Error?.Message}");
        Assert.Equal("1", record.Version);
        Assert.Equal("1", record.Output is { } output ? new FunctionPayload(output).AsString() : null);
        Assert.Equal(1, record.Attempts);
        Assert.Equal(1, HoldingFunction.Starts[record.Id]);
    }

    [Fact]
    public async Task A_lease_for_a_pinned_version_carries_that_versions_spec_and_an_unknown_version_is_not_found()
    {
        var grain = fixture.Grains.GetGrain<IFunctionGrain>("pinned");
        Assert.Equal(AsyncRecordClusterFixture.PinnedV2, (await grain.GetRouteAsync()).Spec);
        Assert.Equal(AsyncRecordClusterFixture.PinnedV1, (await grain.GetVersionRouteAsync("1")).Spec);

        var unknown = await fixture.Client.InvokeJsonAsync("pinned", 0, version: "7");
        Assert.Equal(InvocationStatus.NotFound, unknown.Status);
        Assert.Contains("has no version '7'", unknown.Error!.Message);
    }
}

/// <summary>A hung InitializeAsync is bounded by the function's timeout and tried again (issue 12, item 11).</summary>
[Collection(AsyncRecordCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class HungInitialisationTests(AsyncRecordCluster fixture)
{
    [Fact]
    public async Task An_initialisation_that_hangs_times_out_and_the_next_invocation_loads_again()
    {
        var first = await fixture.Client.InvokeAsync("hangs-once", FunctionPayload.Empty);
        Assert.True(first.Status == InvocationStatus.TimedOut, $"{first.Status}: {first.Error?.Message}");
        Assert.Equal(1, HangsOnceFunction.Initialisations);

        var second = await fixture.Client.InvokeAsync("hangs-once", FunctionPayload.Empty);
        Assert.True(second.Status == InvocationStatus.Succeeded, $"{second.Status}: {second.Error?.Message}");
        Assert.True(second.ColdStart);
        Assert.Equal(2, HangsOnceFunction.Initialisations);
        Assert.Equal(InvocationErrorTypes.Timeout, first.Error!.Type);
        Assert.Contains("did not load and initialise within its timeout", first.Error.Message);

        // The hung instance is unloaded once its code finally returns; the warm one stays.
        HangsOnceFunction.Release();
        await Eventually.WaitUntilAsync(() => HangsOnceFunction.Disposals == 1, "the instance whose initialisation hung is unloaded");
        var third = await fixture.Client.InvokeAsync("hangs-once", FunctionPayload.Empty);
        Assert.Equal((InvocationStatus.Succeeded, false), (third.Status, third.ColdStart));
        Assert.Equal(1, HangsOnceFunction.Disposals);
    }
}

/// <summary>Async records expire after their retention (issue 12, item 12).</summary>
[Trait("Category", "Cluster")]
public sealed class AsyncRetentionTests(ShortRetentionCluster fixture) : IClassFixture<ShortRetentionCluster>
{
    [Fact]
    public async Task A_final_record_is_deleted_after_its_retention_and_its_grain_goes_away()
    {
        var accepted = await fixture.Client.SubmitAsync("echo", FunctionPayload.FromString("short-lived").ToArray());
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var record = await fixture.Client.WaitForRecordAsync(accepted.Id, TimeSpan.FromMilliseconds(20), wait.Token);
        Assert.Equal(InvocationStatus.Succeeded, record.Status);
        var grain = fixture.Grains.GetGrain<IAsyncInvocationGrain>(accepted.Id).GetGrainId();
        Assert.True(fixture.Storage.Holds(grain));

        // Nothing reads it: the retention alone deletes the record and deactivates its grain.
        var local = fixture.SiloServices.GetRequiredService<LocalGrainRegistry>();
        await Eventually.WaitUntilAsync(
            () => fixture.Storage.Cleared.Contains(grain) && !fixture.Storage.Holds(grain) && local.Evacuating.All(g => g.GetGrainId() != grain),
            "the record is deleted from storage and its grain deactivated");

        var after = await fixture.Client.GetInvocationAsync(accepted.Id);
        Assert.Equal(AsyncInvocationState.Unknown, after.State);
        Assert.Null(after.Record);
        Assert.False(fixture.Storage.Holds(grain));
    }

    [Fact]
    public void A_retention_under_a_second_is_refused()
    {
        var validator = new AsyncInvocationOptionsValidator(Microsoft.Extensions.Options.Options.Create(new AsyncInvocationOptions { Retention = TimeSpan.Zero }));
        var ex = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);
        Assert.Contains("Retention", ex.Message);
        Assert.Equal(TimeSpan.FromHours(24), new AsyncInvocationOptions().Retention);
    }
}
