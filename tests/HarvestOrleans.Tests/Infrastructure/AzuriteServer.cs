using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>
/// A real Azurite blob server on a free 127.0.0.1 port with a temporary folder, stopped on dispose. Azurite is the npm
/// package pinned in tests/azurite/package-lock.json, installed there with <c>npm ci</c> on first use.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account.</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly SemaphoreSlim Installing = new(1, 1);
    private ServerProcess? _server;

    private AzuriteServer(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public static async Task<AzuriteServer> StartAsync()
    {
        var folder = Path.Combine(RepoPaths.Root, "tests", "azurite");
        var executable = Path.Combine(folder, "node_modules", ".bin", "azurite-blob");
        await InstallAsync(folder, executable);

        var azurite = new AzuriteServer(RedisServer.FreePort());
        azurite._server = await ServerProcess.StartAsync(
            "azurite",
            executable,
            dir => ["--blobHost", "127.0.0.1", "--blobPort", azurite.Port.ToString(), "--location", dir, "--silent", "--disableTelemetry", "--skipApiVersionCheck"],
            azurite.AcceptsConnectionsAsync,
            TimeSpan.FromSeconds(30));
        return azurite;
    }

    private static async Task InstallAsync(string folder, string executable)
    {
        await Installing.WaitAsync();
        try
        {
            if (File.Exists(executable))
            {
                return;
            }

            using var npm = Process.Start(new ProcessStartInfo("npm")
            {
                ArgumentList = { "ci", "--no-audit", "--no-fund", "--loglevel", "error" },
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("Could not start npm to install Azurite.");
            var output = npm.StandardOutput.ReadToEndAsync();
            var errors = npm.StandardError.ReadToEndAsync();
            if (!npm.WaitForExit(TimeSpan.FromMinutes(5)) || npm.ExitCode != 0 || !File.Exists(executable))
            {
                throw new InvalidOperationException($"'npm ci' in {folder} did not install Azurite:\n{await output}{await errors}");
            }
        }
        finally
        {
            Installing.Release();
        }
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
