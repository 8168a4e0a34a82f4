namespace HarvestOrleans.FunctionHosting;

/// <summary>
/// Where a silo finds the functions it can run. Functions registered on the silo builder come from
/// <see cref="RegisteredFunctionCatalog"/>; deployable packages plug in here as another catalog.
/// </summary>
public interface IFunctionCatalog
{
    /// <summary>The named function at <paramref name="version"/>, or its latest version when null; null if unknown.</summary>
    FunctionRegistration? Find(string name, string? version);

    IReadOnlyCollection<FunctionRegistration> All { get; }
}
