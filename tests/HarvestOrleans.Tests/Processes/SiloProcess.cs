using System.Diagnostics;

namespace HarvestOrleans.Tests.Processes;

/// <summary>The Silo program as its own process (`dotnet Silo/bin/…/HarvestOrleans.Silo.dll ...`), killed on dispose.</summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private SiloProcess(Process process, string logFile)
    {
        _process = process;
        LogFile = logFile;
    }

    /// <summary>Everything the process wrote, for a failure's post-mortem.</summary>
    public string LogFile { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output.TakeLast(40));
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static SiloProcess Start(params string[] arguments)
    {
        // The silo program's own build output, of the configuration these tests were built in (…/bin/<Configuration>/net10.0/).
        var framework = new DirectoryInfo(AppContext.BaseDirectory);
        var dll = Path.Combine(Infrastructure.RepoPaths.Root, "Silo", "bin", framework.Parent!.Name, framework.Name, "HarvestOrleans.Silo.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The silo program is not built at {dll}.");
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the silo process.");
        var silo = new SiloProcess(process, Path.Combine(Path.GetTempPath(), $"harvest-silo-{process.Id}.log"));
        process.OutputDataReceived += (_, e) => silo.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>SIGKILL: the process gets no chance to leave the cluster, as when a Harvest VM is reclaimed.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
                File.AppendAllText(LogFile, line + "\n");
            }
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
