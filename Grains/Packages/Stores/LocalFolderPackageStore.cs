using HarvestOrleans.Packages;
using HarvestOrleans.Grains.Options;

namespace HarvestOrleans.Grains.Packages;

/// <summary>Packages as files in a folder shared by this machine's silos: the embedded default.</summary>
public sealed class LocalFolderPackageStore(string folder) : IPackageStore
{
    public string Location => Path.GetFullPath(folder);

    public Task<bool> ExistsAsync(string digest, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(digest)));

    public async Task PutAsync(string digest, ReadOnlyMemory<byte> archive, CancellationToken cancellationToken)
    {
        HarvestFolders.CreatePrivate(Location);
        // Write aside and rename, so a reader never sees half a package.
        var temp = PathOf(digest) + $".{Guid.NewGuid():N}.partial";
        await File.WriteAllBytesAsync(temp, archive.ToArray(), cancellationToken).ConfigureAwait(false);
        File.Move(temp, PathOf(digest), overwrite: true);
    }

    public async Task<byte[]> GetAsync(string digest, long maxBytes, CancellationToken cancellationToken)
    {
        var path = PathOf(digest);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new PackageLoadException($"Package {digest} is not in the package folder {Location}.");
        }

        if (info.Length > maxBytes)
        {
            throw new PackageLoadException($"Package {digest} is {info.Length} bytes, over the limit of {maxBytes}.");
        }

        return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
    }

    private string PathOf(string digest) => Path.Combine(Location, PackageDigest.RequireValid(digest) + ".zip");
}
