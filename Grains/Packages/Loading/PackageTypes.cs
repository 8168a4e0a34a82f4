using HarvestOrleans.Packages;
using System.Reflection;
using HarvestOrleans.Functions;

namespace HarvestOrleans.Grains.Packages;

/// <summary>Finds a package function's entry type in its load context, failing with a message that names the cause.</summary>
internal static class PackageTypes
{
    public static Type ResolveFunctionType(PackageLoadContext context, string folder, string assemblyFile, string entryType)
    {
        var path = Path.Combine(folder, assemblyFile);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"Assembly '{assemblyFile}' is not in the package.");
        }

        Assembly assembly;
        try
        {
            assembly = context.LoadFromAssemblyPath(path);
        }
        catch (BadImageFormatException ex)
        {
            throw new InvalidDataException($"'{assemblyFile}' is not a valid .NET assembly: {ex.Message}", ex);
        }

        EnsureDependenciesLoad(context, assembly, assemblyFile, []);

        Type? type;
        try
        {
            type = assembly.GetType(entryType, throwOnError: false);
        }
        catch (Exception ex) when (ex is TypeLoadException or FileNotFoundException or FileLoadException)
        {
            throw new InvalidDataException($"Entry type '{entryType}' could not be loaded: {ex.Message}", ex);
        }

        if (type is null)
        {
            throw new InvalidDataException($"Entry type '{entryType}' is not in '{assemblyFile}'.");
        }

        if (!typeof(IHarvestFunction).IsAssignableFrom(type))
        {
            throw new InvalidDataException($"Entry type '{entryType}' is not a function: it does not implement {nameof(IHarvestFunction)}.");
        }

        if (type.IsAbstract || !type.IsPublic || type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new InvalidDataException($"Entry type '{entryType}' must be a public, non-abstract class with a public parameterless constructor.");
        }

        return type;
    }

    /// <summary>Loads every assembly the package's code references, so a missing dependency is found now, by name.</summary>
    private static void EnsureDependenciesLoad(PackageLoadContext context, Assembly assembly, string referencedFrom, HashSet<string> visited)
    {
        foreach (var reference in assembly.GetReferencedAssemblies())
        {
            if (!visited.Add(reference.FullName))
            {
                continue;
            }

            Assembly dependency;
            try
            {
                dependency = context.LoadFromAssemblyName(reference);
            }
            catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                throw new InvalidDataException($"Dependency '{reference.FullName}' of '{referencedFrom}' could not be loaded: {ex.Message}", ex);
            }

            if (AssemblyLoadContextOf(dependency) == context)
            {
                EnsureDependenciesLoad(context, dependency, reference.Name + ".dll", visited);
            }
        }
    }

    private static System.Runtime.Loader.AssemblyLoadContext? AssemblyLoadContextOf(Assembly assembly) =>
        System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(assembly);
}
