using HarvestOrleans.Packages;
using HarvestOrleans.Grains.Packages;
using HarvestOrleans.Packaging;

namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>
/// Packages built from tests/packages/HarvestOrleans.TestPackage, published once per test run with the real
/// <see cref="PackageBuilder"/>. Each test names its own package so tests never share warm instances.
/// </summary>
public static class TestPackages
{
    public const string Assembly = "HarvestOrleans.TestPackage.dll";
    public const string DependencyAssembly = "HarvestOrleans.TestPackage.Dependency.dll";
    public const string VersionFunction = "HarvestOrleans.TestPackage.VersionFunction";

    private static readonly Lazy<Task<string>> Published = new(PublishAsync);

    public static Task<string> PublishFolderAsync() => Published.Value;

    /// <summary>The function a package built by <see cref="BuildAsync"/> for <paramref name="package"/> provides.</summary>
    public static string FunctionOf(string package) => package + "-version";

    /// <summary>
    /// A package named <paramref name="package"/> with one function (<see cref="FunctionOf"/>); <paramref name="edit"/>
    /// changes its manifest (a different timeout makes a different digest: a new version), <paramref name="include"/>
    /// filters the files.
    /// </summary>
    public static async Task<byte[]> BuildAsync(string package, Action<PackageManifestFunction>? edit = null, Func<string, bool>? include = null)
    {
        var function = new PackageManifestFunction
        {
            Name = FunctionOf(package),
            Assembly = Assembly,
            EntryType = VersionFunction,
            Cores = 1,
            MemoryMb = 128,
            TimeoutSeconds = 30,
            Idempotent = true,
        };
        edit?.Invoke(function);
        var manifest = new PackageManifest { Package = package, Functions = [function] };
        var manifestPath = Path.Combine(Directory.CreateTempSubdirectory("harvest-manifest-").FullName, PackageManifest.FileName);
        await File.WriteAllBytesAsync(manifestPath, manifest.ToUtf8());
        return PackageBuilder.Zip(await PublishFolderAsync(), manifestPath, include);
    }

    private static async Task<string> PublishAsync()
    {
        // A fresh folder: one named only by process id could be a stale publish (of older sources) from a run whose id was reused.
        var output = Directory.CreateTempSubdirectory($"harvest-testpackage-{Environment.ProcessId}-").FullName;
        await PackageBuilder.PublishAsync(Path.Combine(RepoPaths.Root, "tests", "packages", "HarvestOrleans.TestPackage", "HarvestOrleans.TestPackage.csproj"), output);
        return output;
    }
}
