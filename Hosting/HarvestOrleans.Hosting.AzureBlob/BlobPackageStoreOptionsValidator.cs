namespace HarvestOrleans.Hosting.AzureBlob;

internal sealed class BlobPackageStoreOptionsValidator(IOptions<BlobPackageStoreOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.ConnectionString) == (o.ServiceUri is null))
        {
            Fail("give exactly one of ConnectionString and ServiceUri.");
        }

        if (string.IsNullOrWhiteSpace(o.Container))
        {
            Fail("Container must be set.");
        }
    }

    private static void Fail(string message) =>
        throw new OrleansConfigurationException($"Invalid {nameof(BlobPackageStoreOptions)} ({BlobPackageStoreOptions.SectionName}): {message}");
}
