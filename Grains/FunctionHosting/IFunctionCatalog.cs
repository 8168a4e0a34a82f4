namespace HarvestOrleans.Grains.FunctionHosting;

/// <summary>
/// Where a silo finds the functions it can run: those registered on the silo builder, then deployed packages.
/// </summary>
public interface IFunctionCatalog
{
    /// <summary>The named function at <paramref name="version"/>, or its current version when null; null if unknown.</summary>
    ValueTask<FunctionRegistration?> FindAsync(string name, string? version);
}
