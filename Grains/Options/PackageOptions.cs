namespace HarvestOrleans.Grains.Options;

/// <summary>
/// The limits a function package must meet and where silos keep their copies. Bound from <c>Harvest:Packages</c>; which
/// store holds the packages is the <c>Harvest:Packages:ProviderType</c> provider (<c>Local</c>, the default, or
/// <c>AzureBlob</c>), or <c>UseLocalPackageStore</c> / <c>UseBlobPackageStore</c> in code.
/// </summary>
public sealed class PackageOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Harvest:Packages";

    /// <summary>The default of <see cref="MaxPackageBytes"/>: 64 MiB.</summary>
    public const long DEFAULT_MAX_PACKAGE_BYTES = 64L * 1024 * 1024;

    /// <summary>The default of <see cref="MaxExtractedBytes"/>: 256 MiB.</summary>
    public const long DEFAULT_MAX_EXTRACTED_BYTES = 256L * 1024 * 1024;

    /// <summary>The default of <see cref="MaxEntries"/>: 4096.</summary>
    public const int DEFAULT_MAX_ENTRIES = 4096;

    /// <summary>The default of <see cref="CatalogRefresh"/>: 10 s.</summary>
    public static readonly TimeSpan DEFAULT_CATALOG_REFRESH = TimeSpan.FromSeconds(10);

    /// <summary>The default of <see cref="PushTimeout"/>: 2 s.</summary>
    public static readonly TimeSpan DEFAULT_PUSH_TIMEOUT = TimeSpan.FromSeconds(2);

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

    /// <summary>Largest package zip accepted (and downloaded); positive. Default <see cref="DEFAULT_MAX_PACKAGE_BYTES"/>.</summary>
    public long MaxPackageBytes { get; set; } = DEFAULT_MAX_PACKAGE_BYTES;

    /// <summary>Largest total size of a package's extracted files; positive. Default <see cref="DEFAULT_MAX_EXTRACTED_BYTES"/>.</summary>
    public long MaxExtractedBytes { get; set; } = DEFAULT_MAX_EXTRACTED_BYTES;

    /// <summary>Most entries a package zip may have; positive. Default <see cref="DEFAULT_MAX_ENTRIES"/>.</summary>
    public int MaxEntries { get; set; } = DEFAULT_MAX_ENTRIES;

    /// <summary>
    /// How old a silo's copy of the package catalog may get before it is re-read (deploys also push it); positive.
    /// Default <see cref="DEFAULT_CATALOG_REFRESH"/>.
    /// </summary>
    public TimeSpan CatalogRefresh { get; set; } = DEFAULT_CATALOG_REFRESH;

    /// <summary>How long a deploy waits for each silo to take the new catalog before answering; positive. Default <see cref="DEFAULT_PUSH_TIMEOUT"/>.</summary>
    public TimeSpan PushTimeout { get; set; } = DEFAULT_PUSH_TIMEOUT;
}
