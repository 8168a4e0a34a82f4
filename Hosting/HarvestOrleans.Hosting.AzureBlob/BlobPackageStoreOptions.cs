namespace HarvestOrleans.Hosting.AzureBlob;

/// <summary>
/// The Azure Blob Storage package store (<c>Harvest:Packages:ProviderType=AzureBlob</c>). Bound from
/// <c>Harvest:Packages:AzureBlob</c>. Give either <see cref="ConnectionString"/> or <see cref="ServiceUri"/>.
/// </summary>
public sealed class BlobPackageStoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Harvest:Packages:AzureBlob";

    /// <summary>Default <see cref="Container"/>.</summary>
    public const string DEFAULT_CONTAINER = "harvest-packages";

    /// <summary>A connection string (account key, SAS or Azurite); keep it in the environment, not on a command line.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account's service URI, authenticated with <c>DefaultAzureCredential</c> (when no connection string is given).</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>The container holding the packages, created on first use (default <see cref="DEFAULT_CONTAINER"/>).</summary>
    public string Container { get; set; } = DEFAULT_CONTAINER;
}
