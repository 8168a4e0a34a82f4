using System.Diagnostics;

namespace HarvestOrleans.Tests.Processes;

/// <summary>The <c>harvest</c> CLI run as its own process, as an operator runs it.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
    }

    /// <summary>The CLI's own build output, of the configuration these tests were built in (…/bin/&lt;Configuration&gt;/net10.0/).</summary>
    private static string CliDll => BuiltDll("Cli", "harvest.dll");

    public static Task<Result> RunAsync(params string[] arguments) => RunAsync(new Dictionary<string, string>(), arguments);

    /// <summary>Runs the CLI with <paramref name="environment"/> added to this process's environment.</summary>
    public static Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) => RunDllAsync(CliDll, environment, arguments);

    /// <summary>The build output (…/bin/&lt;Configuration&gt;/net10.0/<paramref name="assembly"/>) of the project in <paramref name="projectFolder"/>, of the configuration these tests were built in.</summary>
    public static string BuiltDll(string projectFolder, string assembly)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory);
        var dll = Path.Combine(Infrastructure.RepoPaths.Root, projectFolder, "bin", framework.Parent!.Name, framework.Name, assembly);
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{assembly} is not built at {dll}.");
    }

    /// <summary>Runs <c>dotnet <paramref name="dll"/></c> with <paramref name="environment"/> added to this process's environment.</summary>
    public static async Task<Result> RunDllAsync(string dll, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
