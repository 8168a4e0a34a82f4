namespace HarvestOrleans.Experiments.Workloads.Synthetic;

/// <summary>
/// SplitMix64: a small, fast generator whose sequence is fixed by its seed on every runtime (what "same seed, same
/// bytes" needs), and which derives independent streams cheaply (one per minute of arrivals).
/// </summary>
internal sealed class SeededRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A generator for stream <paramref name="stream"/> of <paramref name="seed"/>: streams do not overlap in practice.</summary>
    public static SeededRandom For(long seed, long stream) => new(Mix((ulong)seed) ^ Mix(((ulong)stream * 0xD1B54A32D192ED03UL) + 0x632BE59BD9B4E019UL));

    public ulong NextULong()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="n"/>).</summary>
    public int Next(int n) => (int)(((NextULong() >> 32) * (ulong)n) >> 32);

    /// <summary>Standard normal (Box-Muller; the second value is dropped, which costs little and keeps no state).</summary>
    public double NextGaussian()
    {
        var u = 1.0 - NextDouble(); // (0, 1]: the log is finite
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * NextDouble());
    }

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
