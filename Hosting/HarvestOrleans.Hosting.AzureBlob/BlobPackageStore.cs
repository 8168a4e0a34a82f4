using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

using HarvestOrleans.Packages;
using HarvestOrleans.Grains.Packages;

namespace HarvestOrleans.Hosting.AzureBlob;

/// <summary>Packages as blobs <c>sha256/&lt;digest&gt;.zip</c> in one Azure Blob Storage container (created on first use).</summary>
public sealed class BlobPackageStore(BlobContainerClient container) : IPackageStore
{
    private readonly Lazy<Task> _created = new(() => container.CreateIfNotExistsAsync());

    /// <inheritdoc />
    public string Location => container.Uri.ToString();

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string digest, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        return await Blob(digest).ExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task PutAsync(string digest, ReadOnlyMemory<byte> archive, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        await Blob(digest).UploadAsync(BinaryData.FromBytes(archive), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<byte[]> GetAsync(string digest, long maxBytes, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        var blob = Blob(digest);
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (properties.Value.ContentLength > maxBytes)
            {
                throw new PackageLoadException($"Package {digest} is {properties.Value.ContentLength} bytes, over the limit of {maxBytes}.");
            }

            BlobDownloadResult content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new PackageLoadException($"Package {digest} is not in blob container {Location}.", ex);
        }
    }

    private BlobClient Blob(string digest) => container.GetBlobClient($"sha256/{PackageDigest.RequireValid(digest)}.zip");
}
