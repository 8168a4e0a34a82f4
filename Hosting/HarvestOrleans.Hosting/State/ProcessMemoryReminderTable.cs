using Orleans.Serialization;

namespace HarvestOrleans.Hosting.State;

/// <summary>
/// The reminder table in the cluster's process-wide in-memory store. When a silo goes, the reminder service of a
/// surviving silo takes over its range and reads its reminders from here (Orleans' in-memory table lives in a grain,
/// which goes with its silo). Entries are deep-copied on the way in and out, as a grain call would.
/// </summary>
internal sealed class ProcessMemoryReminderTable(ProcessMemoryLease lease, DeepCopier copier) : IReminderTable
{
    private StoredReminders Reminders => lease.Store.Reminders;

    /// <inheritdoc/>
    public Task<ReminderTableData> ReadRows(GrainId grainId) => Task.FromResult(Copies(Reminders.Read(grainId)));

    /// <inheritdoc/>
    public Task<ReminderTableData> ReadRows(uint begin, uint end) => Task.FromResult(Copies(Reminders.ReadRange(begin, end)));

    /// <inheritdoc/>
    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        Task.FromResult(Reminders.Read(grainId, reminderName) is { } entry ? Copy(entry) : null);

    /// <inheritdoc/>
    public Task<string?> UpsertRow(ReminderEntry entry) => Task.FromResult<string?>(Reminders.Upsert(Copy(entry)));

    /// <inheritdoc/>
    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => Task.FromResult(Reminders.Remove(grainId, reminderName, eTag));

    /// <inheritdoc/>
    public Task TestOnlyClearTable()
    {
        Reminders.Clear();
        return Task.CompletedTask;
    }

    private ReminderTableData Copies(List<ReminderEntry> entries) => new(entries.Select(Copy));

    private ReminderEntry Copy(ReminderEntry entry) => copier.Copy(entry)!; // a copy of an entry is an entry
}
