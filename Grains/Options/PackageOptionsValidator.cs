using Microsoft.Extensions.Options;

namespace HarvestOrleans.Options;

internal sealed class PackageOptionsValidator(IOptions<PackageOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var o = options.Value;
        switch (o.Store)
        {
            case PackageOptions.LocalStore when string.IsNullOrWhiteSpace(o.LocalPath):
                Fail("LocalPath must be set for the local package store.");
                break;
            case PackageOptions.BlobStore when string.IsNullOrWhiteSpace(o.BlobConnectionString) && o.BlobServiceUri is null:
                Fail("The blob package store needs BlobConnectionString or BlobServiceUri.");
                break;
            case PackageOptions.BlobStore when string.IsNullOrWhiteSpace(o.BlobContainer):
                Fail("BlobContainer must be set for the blob package store.");
                break;
            case PackageOptions.LocalStore or PackageOptions.BlobStore:
                break;
            default:
                Fail($"Store must be '{PackageOptions.LocalStore}' or '{PackageOptions.BlobStore}', was '{o.Store}'.");
                break;
        }

        if (string.IsNullOrWhiteSpace(o.WorkDirectory))
        {
            Fail("WorkDirectory must be set.");
        }

        if (o.MaxPackageBytes <= 0 || o.MaxExtractedBytes <= 0 || o.MaxEntries <= 0)
        {
            Fail($"MaxPackageBytes, MaxExtractedBytes and MaxEntries must be positive (were {o.MaxPackageBytes}, {o.MaxExtractedBytes}, {o.MaxEntries}).");
        }

        if (o.CatalogRefresh <= TimeSpan.Zero || o.PushTimeout <= TimeSpan.Zero)
        {
            Fail("CatalogRefresh and PushTimeout must be positive.");
        }
    }

    private static void Fail(string message) => throw new OrleansConfigurationException($"Invalid {nameof(PackageOptions)}: {message}");
}
