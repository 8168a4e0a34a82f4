using HarvestOrleans.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Runtime;

namespace HarvestOrleans.Cli;

/// <summary>Connects to a cluster's gateway on this machine and hands out the HarvestOrleans client services.</summary>
internal sealed class ClusterConnection : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    private readonly IHost _host;

    private ClusterConnection(IHost host) => _host = host;

    public HarvestClient Client => _host.Services.GetRequiredService<HarvestClient>();

    public HarvestOperator Operator => _host.Services.GetRequiredService<HarvestOperator>();

    /// <param name="redis">A Redis connection string: find the gateways of a multi-process cluster there instead.</param>
    public static async Task<ClusterConnection> ConnectAsync(int gatewayPort, string? redis, string clusterId, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            if (redis is null)
            {
                client.UseLocalhostClustering(gatewayPort);
            }
            else
            {
                client.UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis))
                    .Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, "harvest-orleans"));
            }

            client.UseHarvestClient();
        });
        var host = builder.Build();
        // The Orleans client keeps retrying an unreachable gateway for minutes; a command line should say so in seconds.
        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connecting.CancelAfter(ConnectTimeout);
        try
        {
            await host.StartAsync(connecting.Token);
        }
        catch (Exception ex) when (ex is SiloUnavailableException or OrleansException or TimeoutException or System.Net.Sockets.SocketException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            || (redis is not null && ex is StackExchange.Redis.RedisException or ArgumentException)) // Redis unreachable, or its connection string unusable
        {
            host.Dispose();
            var message =
                $"Cannot reach a HarvestOrleans cluster {(redis is null ? $"at 127.0.0.1:{gatewayPort}" : $"'{clusterId}' through Redis {redis}")} " +
                $"({(ex is OperationCanceledException ? $"no gateway answered within {ConnectTimeout.TotalSeconds:0} s" : $"{ex.GetType().Name}: {ex.Message}")}). " +
                "Start one with 'dotnet run --project Silo', or pass --gateway-port / --redis.";
            // The connection string may carry a password (password=…, user:pass@…): never print it.
            throw new ClusterUnreachableException(redis is null ? message : ConnectionStringRedaction.Redact(message, redis), ex);
        }

        return new ClusterConnection(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

internal sealed class ClusterUnreachableException(string message, Exception inner) : Exception(message, inner);
