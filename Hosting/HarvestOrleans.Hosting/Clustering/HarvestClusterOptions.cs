using System.Net;

namespace HarvestOrleans.Hosting.Clustering;

/// <summary>
/// How a silo joins its cluster when configuration picks the clustering provider (<c>Harvest:Cluster:ProviderType</c>).
/// Bound from <c>Harvest:Cluster</c>; the ports from Orleans' own <c>Silo:Port</c>, <c>Silo:GatewayPort</c> and
/// <c>Silo:PrimaryPort</c> keys.
/// </summary>
public sealed class HarvestClusterOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Harvest:Cluster";

    /// <summary>Default <see cref="ClusterId"/>.</summary>
    public const string DEFAULT_CLUSTER_ID = "harvest";

    /// <summary>Default <see cref="Address"/>: loopback, because the silo and gateway ports are unauthenticated.</summary>
    public const string DEFAULT_ADDRESS = "127.0.0.1";

    /// <summary>The Orleans cluster id silos share (default <see cref="DEFAULT_CLUSTER_ID"/>).</summary>
    public string ClusterId { get; set; } = DEFAULT_CLUSTER_ID;

    /// <summary>
    /// The address silos advertise, listen on and the HTTP trigger binds to (default <see cref="DEFAULT_ADDRESS"/>). The
    /// silo and gateway ports are unauthenticated: give a private address, never a public one.
    /// </summary>
    public string Address { get; set; } = DEFAULT_ADDRESS;

    /// <summary>Reads the cluster settings and ports from configuration; a malformed address is a configuration error naming the key.</summary>
    public static (HarvestClusterOptions Options, IPAddress Address, int SiloPort, int GatewayPort, int PrimaryPort) Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<HarvestClusterOptions>() ?? new HarvestClusterOptions();
        if (!IPAddress.TryParse(options.Address, out var address))
        {
            throw new OrleansConfigurationException($"{SectionName}:Address must be an IP address, was '{options.Address}'.");
        }

        return (options, address,
            configuration.GetValue("Silo:Port", EndpointOptions.DEFAULT_SILO_PORT),
            configuration.GetValue("Silo:GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT),
            configuration.GetValue("Silo:PrimaryPort", EndpointOptions.DEFAULT_SILO_PORT));
    }
}
