using HarvestOrleans.Grains.Options;

namespace HarvestOrleans.Hosting.Provisioning;

/// <summary>
/// The process-launching provisioner (<c>Harvest:Provisioner:ProviderType=Process</c>). Bound from configuration section
/// <c>Harvest:Provisioner</c>.
/// </summary>
public sealed class ProcessProvisionerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Harvest:Provisioner";

    /// <summary>The default of <see cref="CoresPerVm"/>: 2.</summary>
    public const double DEFAULT_CORES_PER_VM = 2;

    /// <summary>Cores each launched VM gets (it is asked for enough VMs to cover the missing cores). Default <see cref="DEFAULT_CORES_PER_VM"/>.</summary>
    public double CoresPerVm { get; set; } = DEFAULT_CORES_PER_VM;

    /// <summary>
    /// Where each launched silo writes its log and pid file (default <see cref="DefaultFolder"/>). Their logs can hold
    /// secrets (a generated API key), so the folder is created readable only by this user (0700).
    /// </summary>
    public string? Folder { get; set; }

    /// <summary><c>provisioned</c> in the user's private HarvestOrleans folder (<c>~/.local/share/harvest</c>, mode 0700).</summary>
    public static string DefaultFolder => HarvestFolders.Default("provisioned");
}
