using HarvestOrleans.Client;
using HarvestOrleans.Packages;

namespace HarvestOrleans.Packaging;

/// <summary>Deploying from a path: the package is built here (see <see cref="PackageBuilder"/>), then deployed.</summary>
public static class PackageDeployment
{
    /// <summary>Builds a package from a zip, a function project folder or a ready folder (see <see cref="PackageBuilder"/>) and deploys it.</summary>
    public static async Task<DeployResult> DeployAsync(this HarvestOperator harvestOperator, string path, CancellationToken cancellationToken = default) =>
        await harvestOperator.DeployAsync(await PackageBuilder.BuildAsync(path, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
}
