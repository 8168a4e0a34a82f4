namespace HarvestOrleans.Grains.Packages;

/// <summary>
/// Function names a package may not take: the silo's compiled-in functions. Function hosting implements it, so the
/// package registry depends on this contract and not on function hosting (which itself loads packages).
/// </summary>
public interface IReservedFunctionNames
{
    /// <summary>Whether a function called <paramref name="name"/> is already registered on the silo.</summary>
    bool Contains(string name);
}
