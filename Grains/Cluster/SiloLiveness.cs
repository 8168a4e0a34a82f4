using HarvestOrleans.Cluster;
using System.Collections.Concurrent;

namespace HarvestOrleans.Grains.Cluster;

/// <summary>Answers "is the silo at this address alive?" from this silo's membership view.</summary>
public sealed class SiloLiveness(IClusterMembershipService membership)
{
    private readonly ConcurrentDictionary<string, SiloAddress?> _parsed = new(StringComparer.Ordinal);

    public bool IsAlive(string siloAddress)
    {
        var address = _parsed.GetOrAdd(siloAddress, static s =>
        {
            try
            {
                return SiloAddress.FromParsableString(s);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or IndexOutOfRangeException)
            {
                return null;
            }
        });

        return address is not null && membership.CurrentSnapshot.GetSiloStatus(address) == SiloStatus.Active;
    }
}
