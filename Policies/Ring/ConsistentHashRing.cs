namespace HarvestOrleans.Policies;

/// <summary>
/// The Min-Worker-Set ring: <see cref="Size"/> positions (500 in the original), one position per VM, a function's
/// home the first VM at or after the function's position, wrapping. VM positions come from a stable hash of the VM
/// id (the original used contiguous invoker ids, which put ~99% of homes on invoker 0 with 6 invokers); VMs that hash
/// to the same position are ordered by id. Because a VM's position depends only on its own id, a join or a leave
/// remaps exactly the range between the VM and its predecessor.
/// </summary>
public sealed class ConsistentHashRing
{
    public const int DefaultSize = 500;

    private readonly (int Position, string VmId)[] _members;

    private ConsistentHashRing(int size, (int Position, string VmId)[] members)
    {
        Size = size;
        _members = members;
    }

    public int Size { get; }

    public int Count => _members.Length;

    /// <summary>VM ids in ring order.</summary>
    public IEnumerable<string> Members => _members.Select(m => m.VmId);

    public string this[int index] => _members[index].VmId;

    public static ConsistentHashRing Build(IEnumerable<string> vmIds, int size = DefaultSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var members = vmIds
            .Distinct(StringComparer.Ordinal)
            .Select(id => (Position: PositionOf(id, size), VmId: id))
            .OrderBy(m => m.Position)
            .ThenBy(m => m.VmId, StringComparer.Ordinal)
            .ToArray();
        return new ConsistentHashRing(size, members);
    }

    public static int PositionOf(string key, int size) => (int)(RingHash.Fnv1a(key) % (uint)size);

    /// <summary>Index (into ring order) of the function's home VM, or -1 on an empty ring.</summary>
    public int HomeIndex(string functionName)
    {
        if (_members.Length == 0)
        {
            return -1;
        }

        // The first member at or after the position (members are sorted by position): a binary search.
        var position = PositionOf(functionName, Size);
        int lo = 0, hi = _members.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_members[mid].Position >= position)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo == _members.Length ? 0 : lo; // past the last VM: wrap to the first
    }

    public string? Home(string functionName)
    {
        var index = HomeIndex(functionName);
        return index < 0 ? null : _members[index].VmId;
    }

    /// <summary>All VMs in ring order starting at <paramref name="startIndex"/>, step 1, wrapping once.</summary>
    public IEnumerable<string> WalkFrom(int startIndex)
    {
        for (var k = 0; k < _members.Length; k++)
        {
            yield return _members[(startIndex + k) % _members.Length].VmId;
        }
    }
}
