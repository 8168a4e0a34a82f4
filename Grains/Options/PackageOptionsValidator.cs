using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Options;

internal sealed class PackageOptionsValidator(IOptions<PackageOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var o = options.Value;
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
