using System.CommandLine;

namespace HarvestOrleans.Cli;

/// <summary>Where the cluster is: options every command takes (recursive on the root command).</summary>
internal static class ConnectionOptions
{
    /// <summary>The gateway port of a silo on this machine, when no Redis connection string is given.</summary>
    public const int DEFAULT_GATEWAY_PORT = 30000;

    /// <summary>The cluster id of a Redis cluster.</summary>
    public const string DEFAULT_CLUSTER_ID = "harvest";

    /// <summary>The environment variable that holds the Redis connection string (keeps a password off the command line).</summary>
    public const string REDIS_ENVIRONMENT_VARIABLE = "HARVEST_REDIS";

    public static Option<int> GatewayPort { get; } = new("--gateway-port", "-g")
    {
        Description = "Gateway port of a silo on this machine.",
        DefaultValueFactory = _ => DEFAULT_GATEWAY_PORT,
        CustomParser = result => ValueParsers.Port(result),
        Recursive = true,
    };

    public static Option<string?> Redis { get; } = new("--redis")
    {
        Description = $"Redis connection string of a multi-process cluster (instead of a gateway on this machine). Default: the {REDIS_ENVIRONMENT_VARIABLE} environment variable, which keeps a password off the command line.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(REDIS_ENVIRONMENT_VARIABLE) is { Length: > 0 } fromEnvironment ? fromEnvironment : null,
        Recursive = true,
    };

    public static Option<string> ClusterId { get; } = new("--cluster-id")
    {
        Description = "Cluster id of a Redis cluster.",
        DefaultValueFactory = _ => DEFAULT_CLUSTER_ID,
        Recursive = true,
    };
}
