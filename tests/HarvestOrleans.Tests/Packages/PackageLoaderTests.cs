using System.Runtime.CompilerServices;
using HarvestOrleans.Functions;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Packages;
using HarvestOrleans.Grains.Packages;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace HarvestOrleans.Tests.Packages;

/// <summary>The loader on its own, without a cluster: a loaded, invoked and unloaded version leaves nothing alive.</summary>
[Trait("Category", "Cluster")]
public sealed class PackageLoaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("harvest-loader-").FullName;

    [Theory]
    [InlineData(TestPackages.VersionFunction)]
    [InlineData("HarvestOrleans.TestPackage.RawVersionFunction")]
    public async Task An_unloaded_function_version_is_collected(string entryType)
    {
        var store = new LocalFolderPackageStore(Path.Combine(_root, "store"));
        var archive = await TestPackages.BuildAsync("loader", f => f.EntryType = entryType);
        var digest = PackageDigest.Of(archive);
        await store.PutAsync(digest, archive, CancellationToken.None);
        var loader = new PackageFunctionLoader(store, Microsoft.Extensions.Options.Options.Create(new PackageOptions { WorkDirectory = Path.Combine(_root, "work") }));
        var function = new PackagedFunction
        {
            Spec = new FunctionSpec { Name = "loader-version" },
            Package = "loader",
            Digest = digest,
            Assembly = TestPackages.Assembly,
            EntryType = entryType,
        };

        var output = await LoadInvokeAndUnloadAsync(loader, function);
        Assert.Contains("v1", output);

        var context = loader.UnloadedContext(function.Key)!;
        await Collected.WaitAsync(context, "the unloaded load context", TimeSpan.FromSeconds(20));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_root, "work")));
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // nothing of the loaded version may stay on this frame
    private static async Task<string> LoadInvokeAndUnloadAsync(PackageFunctionLoader loader, PackagedFunction function)
    {
        var loaded = await loader.LoadAsync(function, CancellationToken.None);
        var context = new FunctionContext(Guid.NewGuid(), function.Spec, "vm", 1, DateTimeOffset.UtcNow.AddMinutes(1), NullLogger.Instance, 1);
        var output = await loaded.Function.InvokeAsync(FunctionPayload.FromJson(new { waitMs = 1 }), context, CancellationToken.None);
        await loaded.UnloadAsync();
        return output.AsString();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
