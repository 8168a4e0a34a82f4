namespace HarvestOrleans.Policies;

/// <summary>
/// Java's <c>String.hashCode</c>: s[0]·31^(n−1) + … + s[n−1] over UTF-16 code units, in wrapping 32-bit arithmetic.
/// OpenWhisk hashes names with it (ShardingContainerPoolBalancer.generateHash), so reproducing its placement needs
/// the same function; like FNV-1a it is the same in every process, unlike <see cref="string.GetHashCode()"/>.
/// </summary>
public static class JavaStringHash
{
    /// <summary>The hash Java's <c>value.hashCode()</c> returns.</summary>
    public static int Of(string value)
    {
        var hash = 0;
        foreach (var c in value)
        {
            hash = unchecked((31 * hash) + c);
        }

        return hash;
    }
}
