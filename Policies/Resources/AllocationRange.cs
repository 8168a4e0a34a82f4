namespace HarvestOrleans.Policies;

/// <summary>The allocations of one resource the safeguard allows: [<paramref name="Min"/>, <paramref name="Max"/>].</summary>
/// <param name="Min">The least allowed.</param>
/// <param name="Max">The most allowed.</param>
public readonly record struct AllocationRange(double Min, double Max)
{
    // Grid levels are multiples of a step: compare with a little slack for their rounding.
    private const double TOLERANCE = 1e-9;

    /// <summary>Only <paramref name="value"/>.</summary>
    public static AllocationRange Only(double value) => new(value, value);

    /// <summary>True when a single value is allowed.</summary>
    public bool IsPinned => Max - Min <= TOLERANCE;

    /// <summary>Whether <paramref name="value"/> is allowed.</summary>
    public bool Contains(double value) => value >= Min - TOLERANCE && value <= Max + TOLERANCE;
}
