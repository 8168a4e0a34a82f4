using System.Collections.Concurrent;

namespace HarvestOrleans.Policies;

/// <summary>
/// Thread-safe tally of the work a caller has in flight per VM (cores and memory, kept in milli-units so that
/// Interlocked arithmetic stays exact).
/// </summary>
public sealed class ReservationLedger : IReservationView
{
    private readonly ConcurrentDictionary<string, Tally> _byVm = new(StringComparer.Ordinal);

    public double ReservedCores(string vmId) => _byVm.TryGetValue(vmId, out var t) ? Volatile.Read(ref t.MilliCores) / 1000.0 : 0;

    public double ReservedMemoryMb(string vmId) => _byVm.TryGetValue(vmId, out var t) ? Volatile.Read(ref t.MilliMemory) / 1000.0 : 0;

    /// <summary>Records work sent to <paramref name="vmId"/>; dispose the result when it finishes.</summary>
    public Reservation Reserve(string vmId, double cores, double memoryMb)
    {
        var tally = _byVm.GetOrAdd(vmId, static _ => new Tally());
        var mc = (long)Math.Round(cores * 1000);
        var mm = (long)Math.Round(memoryMb * 1000);
        Interlocked.Add(ref tally.MilliCores, mc);
        Interlocked.Add(ref tally.MilliMemory, mm);
        return new Reservation(tally, mc, mm);
    }

    private sealed class Tally
    {
        public long MilliCores;
        public long MilliMemory;
    }

    public struct Reservation : IDisposable
    {
        private Tally? _tally;
        private readonly long _milliCores;
        private readonly long _milliMemory;

        internal Reservation(object tally, long milliCores, long milliMemory)
        {
            _tally = (Tally)tally;
            _milliCores = milliCores;
            _milliMemory = milliMemory;
        }

        public void Dispose()
        {
            var tally = Interlocked.Exchange(ref _tally, null);
            if (tally is not null)
            {
                Interlocked.Add(ref tally.MilliCores, -_milliCores);
                Interlocked.Add(ref tally.MilliMemory, -_milliMemory);
            }
        }
    }
}
