using System.Net;
using System.Net.Sockets;

namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>
/// A real redis-server on a free 127.0.0.1 port with a temporary folder, stopped on dispose. The binary comes from the
/// Debian package redis-server, which .ci/run installs.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private ServerProcess? _server;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    public static async Task<RedisServer> StartAsync()
    {
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed (Debian package redis-server; .ci/run installs it).");
        var redis = new RedisServer(FreePort());
        redis._server = await ServerProcess.StartAsync(
            "redis",
            executable,
            dir => ["--port", redis.Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
            redis.PingAsync,
            TimeSpan.FromSeconds(15));
        return redis;
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return read > 0 && buffer[0] == (byte)'+';
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
