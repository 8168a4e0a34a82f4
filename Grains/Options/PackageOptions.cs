namespace HarvestOrleans.Grains.Options;

/// <summary>
/// The limits a function package must meet and where silos keep their copies. Bound from <c>Harvest:Packages</c>; which
/// store holds the packages is the <c>Harvest:Packages:ProviderType</c> provider (<c>Local</c>, the default, or
/// <c>AzureBlob</c>), or <c>UseLocalPackageStore</c> / <c>UseBlobPackageStore</c> in code.
/// </summary>
public sealed class PackageOptions
{
    public const string SectionName = "Harvest:Packages";

    /// <summary>
    /// The local package store's folder (the <c>Local</c> provider); every silo on the machine must use the same one. Default: <c>packages</c> in the
    /// user's private HarvestOrleans folder (<c>~/.local/share/harvest</c>, mode 0700).
    /// </summary>
    public string LocalPath { get; set; } = HarvestFolders.Default("packages");

    /// <summary>
    /// Where silos extract the packages they load; each load gets its own subfolder, deleted on unload. Default:
    /// <c>functions</c> in the user's private HarvestOrleans folder (<c>~/.local/share/harvest</c>, mode 0700).
    /// </summary>
    public string WorkDirectory { get; set; } = HarvestFolders.Default("functions");

    /// <summary>Largest package zip accepted (and downloaded).</summary>
    public long MaxPackageBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Largest total size of a package's extracted files.</summary>
    public long MaxExtractedBytes { get; set; } = 256L * 1024 * 1024;

    public int MaxEntries { get; set; } = 4096;

    /// <summary>How old a silo's copy of the package catalog may get before it is re-read (deploys also push it).</summary>
    public TimeSpan CatalogRefresh { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a deploy waits for each silo to take the new catalog before answering.</summary>
    public TimeSpan PushTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
