namespace HarvestOrleans.Hosting.State;

/// <summary>
/// A cluster's reminder rows in memory. It holds the entries it is given and hands out its own: the reminder table
/// copies them on the way in and out, so that nothing outside can change a stored row.
/// </summary>
internal sealed class StoredReminders
{
    private readonly Lock _gate = new();
    private readonly Dictionary<GrainId, Dictionary<string, ReminderEntry>> _rows = [];

    /// <summary>How many reminders are stored.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _rows.Values.Sum(r => r.Count);
            }
        }
    }

    /// <summary>Stores <paramref name="entry"/> (replacing the grain's reminder of that name) under a new ETag.</summary>
    /// <returns>The new ETag.</returns>
    public string Upsert(ReminderEntry entry)
    {
        entry.ETag = Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            if (!_rows.TryGetValue(entry.GrainId, out var reminders))
            {
                _rows[entry.GrainId] = reminders = [];
            }

            reminders[entry.ReminderName] = entry;
        }

        return entry.ETag;
    }

    /// <summary>The grain's reminder of that name, or null.</summary>
    public ReminderEntry? Read(GrainId grainId, string reminderName)
    {
        lock (_gate)
        {
            return _rows.TryGetValue(grainId, out var reminders) && reminders.TryGetValue(reminderName, out var entry) ? entry : null;
        }
    }

    /// <summary>The grain's reminders.</summary>
    public List<ReminderEntry> Read(GrainId grainId)
    {
        lock (_gate)
        {
            return _rows.TryGetValue(grainId, out var reminders) ? [.. reminders.Values] : [];
        }
    }

    /// <summary>
    /// The reminders of the grains whose uniform hash is in (<paramref name="begin"/>, <paramref name="end"/>], the
    /// range wrapping past <see cref="uint.MaxValue"/> when <paramref name="begin"/> is not below <paramref name="end"/>
    /// (equal bounds: the whole ring), as <see cref="IReminderTable.ReadRows(uint, uint)"/> defines it.
    /// </summary>
    public List<ReminderEntry> ReadRange(uint begin, uint end)
    {
        lock (_gate)
        {
            return [.. _rows.Where(r => InRange(r.Key.GetUniformHashCode(), begin, end)).SelectMany(r => r.Value.Values)];
        }
    }

    /// <summary>Removes the grain's reminder of that name if it still has <paramref name="eTag"/>.</summary>
    /// <returns>Whether it was removed.</returns>
    public bool Remove(GrainId grainId, string reminderName, string eTag)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue(grainId, out var reminders) || !reminders.TryGetValue(reminderName, out var entry) || entry.ETag != eTag)
            {
                return false;
            }

            reminders.Remove(reminderName);
            if (reminders.Count == 0)
            {
                _rows.Remove(grainId);
            }

            return true;
        }
    }

    /// <summary>Removes every reminder.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rows.Clear();
        }
    }

    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
}
