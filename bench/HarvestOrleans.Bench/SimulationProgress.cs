using System.CommandLine;
using Spectre.Console;

namespace HarvestOrleans.Bench;

/// <summary>The simulate commands' shared parts: a Spectre progress bar per task of an experiment, and option helpers.</summary>
internal static class SimulationProgress
{
    /// <summary>Runs <paramref name="work"/> under one progress bar per task; it reports (task, fraction done).</summary>
    public static T Run<T>(IReadOnlyList<string> tasks, Func<Action<string, double>, T> work)
    {
        var result = default(T)!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var bars = tasks.Distinct(StringComparer.Ordinal).ToDictionary(t => t, t => context.AddTask(Markup.Escape(t), autoStart: false, maxValue: 1), StringComparer.Ordinal);
                result = work((task, fraction) =>
                {
                    if (bars.TryGetValue(task, out var bar))
                    {
                        lock (bar)
                        {
                            bar.StartTask();
                            bar.Value = Math.Clamp(fraction, 0, 1);
                        }
                    }
                });
                foreach (var bar in bars.Values)
                {
                    bar.Value = bar.MaxValue;
                    bar.StopTask();
                }
            });
        return result;
    }

    /// <summary>
    /// A simulate command's whole run: the experiment under progress bars, its table, its files in
    /// <paramref name="folder"/>, its JSON line; a missing trace folder or file is the caller's error (exit 2).
    /// </summary>
    public static int RunExperiment<T>(
        string command,
        IReadOnlyList<string> tasks,
        Func<Action<string, double>, T> run,
        Action<T> print,
        Func<string, T, IReadOnlyList<string>> write,
        Func<T, object> json,
        string folder)
    {
        try
        {
            var result = Run(tasks, run);
            print(result);
            var output = Path.GetFullPath(folder);
            var files = write(output, result);
            AnsiConsole.MarkupLineInterpolated($"[grey]Wrote {files.Count} files to {output}[/]");
            Console.WriteLine(Experiments.Simulation.SimReport.Json(json(result)));
            return 0;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return CommandLine.UsageError(command, ex.Message);
        }
    }

    /// <summary>Whether <paramref name="option"/> was given on the command line (not its default).</summary>
    public static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    /// <summary>The value of <paramref name="option"/> when given, else <paramref name="fallback"/> (e.g. the quick run's).</summary>
    public static T ValueOr<T>(ParseResult parse, Option<T> option, T fallback) => Given(parse, option) ? parse.GetValue(option)! : fallback;

    /// <summary>Where a simulate command's files go by default.</summary>
    public static string DefaultOutput(string name) => Path.Combine("artifacts", "simulation", name);
}
