using HarvestOrleans.Packages;
using HarvestOrleans.Grains.Packages;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Packages;

/// <summary>
/// The package inspector on its own (what a deploy runs before it accepts anything), without a cluster or a store:
/// every bad package is a <see cref="PackageRejectedException"/> naming its cause, never another exception.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class PackageRefusalTests : IDisposable
{
    private static readonly PackageLimits Limits = new(PackageClusterFixture.MaxPackageBytes, PackageClusterFixture.MaxExtractedBytes, MaxEntries: 4096);

    private readonly string _work = Directory.CreateTempSubdirectory("harvest-inspect-").FullName;

    [Theory]
    [MemberData(nameof(RefusedPackages.InspectorRefusals), MemberType = typeof(RefusedPackages))]
    public async Task A_bad_package_is_a_refusal_naming_its_cause(string kind, string cause)
    {
        var archive = await RefusedPackages.BuildAsync(kind, $"refused-{kind}");
        var inspector = new PackageInspector(Limits, _work);

        var refusal = Assert.Throws<PackageRejectedException>(() => inspector.Inspect(archive, PackageDigest.Of(archive), "1"));

        Assert.Contains(cause, refusal.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_work)); // nothing extracted is left behind
    }

    [Fact]
    public async Task A_good_package_passes_the_same_inspection()
    {
        var archive = await TestPackages.BuildAsync("refused-none");
        var (package, functions) = new PackageInspector(Limits, _work).Inspect(archive, PackageDigest.Of(archive), "1");
        Assert.Equal("refused-none", package);
        Assert.Equal(TimeSpan.FromSeconds(30), Assert.Single(functions).Spec.Timeout);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
