namespace HarvestOrleans.FunctionBench;

internal static class Inputs
{
    public static int InRange(int value, int min, int max, string name) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}]");

    /// <summary>Every function seeds from its input, so the same input does the same work.</summary>
    public static Random Seeded(int seed) => new(seed);
}
