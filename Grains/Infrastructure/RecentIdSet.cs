namespace HarvestOrleans.Grains.Infrastructure;

/// <summary>
/// The ids seen most recently, at most <c>capacity</c> of them: enough to ignore a redelivered event (redeliveries come
/// soon after the original), never a set that grows for as long as the process lives. The oldest id is forgotten first.
/// Not thread-safe (a grain's state).
/// </summary>
internal sealed class RecentIdSet<T>(int capacity) : IEnumerable<T> where T : notnull
{
    /// <summary>How many handled eviction-event ids a grain remembers.</summary>
    public const int DEFAULT_CAPACITY = 1024;

    private readonly HashSet<T> _ids = [];
    private readonly LinkedList<T> _order = [];

    public int Count => _ids.Count;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be positive.");

    /// <summary>True when <paramref name="id"/> was not among the recent ids (it is now); false for a repeat.</summary>
    public bool Add(T id)
    {
        if (!_ids.Add(id))
        {
            return false;
        }

        _order.AddLast(id);
        while (_ids.Count > Capacity)
        {
            _ids.Remove(_order.First!.Value);
            _order.RemoveFirst();
        }

        return true;
    }

    /// <summary>Forgets <paramref name="id"/> (its handling failed: a retry must be handled).</summary>
    public void Remove(T id)
    {
        if (_ids.Remove(id))
        {
            _order.Remove(id);
        }
    }

    public bool Contains(T id) => _ids.Contains(id);

    /// <summary>Adds each id in turn (e.g. the ids a migrated grain carried), oldest first.</summary>
    public void UnionWith(IEnumerable<T> ids)
    {
        foreach (var id in ids)
        {
            Add(id);
        }
    }

    /// <summary>The ids, oldest first.</summary>
    public IEnumerator<T> GetEnumerator() => _order.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
