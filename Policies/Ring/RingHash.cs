using System.Text;

namespace HarvestOrleans.Policies;

/// <summary>
/// FNV-1a over UTF-8. string.GetHashCode is randomised per process, and every silo and client must agree on
/// where a function and a VM sit on the ring.
/// </summary>
public static class RingHash
{
    public static uint Fnv1a(string value)
    {
        const uint offset = 2166136261;
        const uint prime = 16777619;
        var hash = offset;
        Span<byte> buffer = value.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(value.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        var count = Encoding.UTF8.GetBytes(value, buffer);
        foreach (var b in buffer[..count])
        {
            hash ^= b;
            hash *= prime;
        }

        return hash;
    }
}
