using HarvestOrleans.Hosting.State;
using Orleans;
using Orleans.Runtime;

namespace HarvestOrleans.UnitTests.State;

/// <summary>The reminder table of in-memory state: rows as Orleans' reminder service expects them.</summary>
[Trait("Category", "Unit")]
public sealed class ProcessMemoryReminderTableTests
{
    private static ReminderEntry Entry(GrainId grain, string name) =>
        new() { GrainId = grain, ReminderName = name, StartAt = DateTime.UtcNow, Period = TimeSpan.FromSeconds(1) };

    [Fact]
    public async Task Rows_are_copies_with_a_new_etag_on_every_upsert()
    {
        using var silo = await TestSilo.StartAsync(new ProcessMemoryStores(), "c1");
        var grain = GrainId.Create("g", "1");
        var entry = Entry(grain, "tick");
        var etag = await silo.Reminders.UpsertRow(entry);
        entry.Period = TimeSpan.FromDays(1); // the caller's object is not the stored row

        var row = await silo.Reminders.ReadRow(grain, "tick");
        Assert.NotNull(row);
        Assert.Equal((etag, TimeSpan.FromSeconds(1)), (row.ETag, row.Period));
        row.Period = TimeSpan.FromDays(2);
        Assert.Equal(TimeSpan.FromSeconds(1), (await silo.Reminders.ReadRow(grain, "tick"))!.Period);

        var newETag = await silo.Reminders.UpsertRow(Entry(grain, "tick"));
        Assert.NotEqual(etag, newETag);
        Assert.Single((await silo.Reminders.ReadRows(grain)).Reminders);
        Assert.Null(await silo.Reminders.ReadRow(grain, "other"));
    }

    [Fact]
    public async Task A_row_is_removed_only_with_its_current_etag()
    {
        using var silo = await TestSilo.StartAsync(new ProcessMemoryStores(), "c1");
        var grain = GrainId.Create("g", "1");
        var old = await silo.Reminders.UpsertRow(Entry(grain, "tick"));
        var current = await silo.Reminders.UpsertRow(Entry(grain, "tick"));

        Assert.False(await silo.Reminders.RemoveRow(grain, "tick", old!));
        Assert.False(await silo.Reminders.RemoveRow(grain, "other", current!));
        Assert.True(await silo.Reminders.RemoveRow(grain, "tick", current!));
        Assert.Empty((await silo.Reminders.ReadRows(grain)).Reminders);
        Assert.Equal(0, silo.Lease.Store.Reminders.Count);
    }

    [Fact]
    public async Task A_range_read_takes_the_grains_hashed_into_it_wrapping_past_the_top_of_the_ring()
    {
        using var silo = await TestSilo.StartAsync(new ProcessMemoryStores(), "c1");
        var grains = Enumerable.Range(0, 40).Select(i => GrainId.Create("g", i.ToString())).OrderBy(g => g.GetUniformHashCode()).ToArray();
        foreach (var grain in grains)
        {
            await silo.Reminders.UpsertRow(Entry(grain, "tick"));
        }

        async Task<GrainId[]> Range(uint begin, uint end) =>
            [.. (await silo.Reminders.ReadRows(begin, end)).Reminders.Select(r => r.GrainId).OrderBy(g => g.GetUniformHashCode())];

        var (low, high) = (grains[9].GetUniformHashCode(), grains[29].GetUniformHashCode());
        Assert.Equal(grains[10..30], await Range(low, high)); // (begin, end]
        GrainId[] outside = [.. grains[..10], .. grains[30..]];
        Assert.Equal(outside, await Range(high, low)); // wraps
        Assert.Equal(grains, await Range(low, low)); // the whole ring
    }

    [Fact]
    public async Task Clusters_keep_their_own_reminders_and_clearing_one_leaves_the_other()
    {
        var stores = new ProcessMemoryStores();
        using var a = await TestSilo.StartAsync(stores, "a");
        using var a2 = await TestSilo.StartAsync(stores, "a");
        using var b = await TestSilo.StartAsync(stores, "b");
        var grain = GrainId.Create("g", "1");
        await a.Reminders.UpsertRow(Entry(grain, "tick"));
        await b.Reminders.UpsertRow(Entry(grain, "tick"));

        Assert.NotNull(await a2.Reminders.ReadRow(grain, "tick")); // another silo of the cluster sees it
        await a.Reminders.TestOnlyClearTable();
        Assert.Null(await a2.Reminders.ReadRow(grain, "tick"));
        Assert.Empty((await a2.Reminders.ReadRows(0, 0)).Reminders);
        Assert.NotNull(await b.Reminders.ReadRow(grain, "tick"));
    }
}
