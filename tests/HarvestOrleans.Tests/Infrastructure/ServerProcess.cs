using System.Diagnostics;

namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>
/// A real server the tests start themselves: its process (output drained), its temporary data folder, started once it
/// answers; killed and its folder deleted on dispose.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private ServerProcess(Process process, string dir) => (_process, _dir) = (process, dir);

    /// <param name="arguments">The server's arguments, given its data folder.</param>
    /// <param name="ready">True once the server answers.</param>
    public static async Task<ServerProcess> StartAsync(string name, string executable, Func<string, IEnumerable<string>> arguments, Func<Task<bool>> ready, TimeSpan timeout)
    {
        var dir = Directory.CreateTempSubdirectory($"harvest-{name}-").FullName;
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments(dir))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, dir);
        var deadline = DateTime.UtcNow + timeout;
        while (!await ready())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"{name} ({executable}) did not start within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(25);
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
