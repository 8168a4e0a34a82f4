namespace HarvestOrleans.Options;

/// <summary>Where function packages are kept and the limits a package must meet. Bound from <c>Harvest:Packages</c>.</summary>
public sealed class PackageOptions
{
    public const string SectionName = "Harvest:Packages";

    public const string LocalStore = "local";
    public const string BlobStore = "blob";

    /// <summary><see cref="LocalStore"/> (a folder: the embedded default) or <see cref="BlobStore"/> (Azure Blob Storage).</summary>
    public string Store { get; set; } = LocalStore;

    /// <summary>
    /// The local store's folder; every silo on the machine must use the same one. Default: <c>packages</c> in the
    /// user's private HarvestOrleans folder (<c>~/.local/share/harvest</c>, mode 0700).
    /// </summary>
    public string LocalPath { get; set; } = HarvestFolders.Default("packages");

    /// <summary>Blob store: a connection string (account key, SAS or Azurite), or leave empty and set <see cref="BlobServiceUri"/>.</summary>
    public string? BlobConnectionString { get; set; }

    /// <summary>Blob store: the account's service URI, authenticated with <c>DefaultAzureCredential</c>.</summary>
    public Uri? BlobServiceUri { get; set; }

    public string BlobContainer { get; set; } = "harvest-packages";

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
