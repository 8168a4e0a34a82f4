using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HarvestOrleans.Experiments.Traces;
using Spectre.Console;

namespace HarvestOrleans.Experiments.Workloads.Synthetic;

/// <summary>
/// The <c>generate-azure2019</c> benchmark command: writes a generated day, reads it back with the trace parser (so the
/// figures are those of the files, as they would be of the real dataset's) and prints them next to the paper's.
/// </summary>
public static class Azure2019Report
{
    /// <summary>Writes the day into <paramref name="folder"/>, prints its figures and the JSON line, and returns both.</summary>
    public static (Azure2019Files Files, Azure2019Characteristics Figures) Generate(string folder, Azure2019GeneratorOptions options)
    {
        var watch = Stopwatch.StartNew();
        var files = Azure2019Generator.Write(folder, options);
        var written = watch.Elapsed;
        var figures = Azure2019Characteristics.Of(Azure2019Trace.Load(files).Functions);
        Print(files, options, figures, written);
        return (files, figures);
    }

    private static void Print(Azure2019Files files, Azure2019GeneratorOptions options, Azure2019Characteristics figures, TimeSpan written)
    {
        static string Percent(double share) => double.IsNaN(share) ? "-" : share.ToString("0.0%", CultureInfo.InvariantCulture);
        static string Mb(double mb) => double.IsNaN(mb) ? "-" : mb.ToString("0", CultureInfo.InvariantCulture) + " MB";

        var table = new Table().Title($"Generated Azure Functions day (seed {options.Seed}) against ATC'20 (Shahrad et al.)");
        table.Caption($"Files in {Markup.Escape(Path.GetDirectoryName(files.Invocations) ?? "")}, written in {written.TotalSeconds:0.0} s; apps are the paper's unit for rates and memory.");
        table.AddColumn("figure");
        table.AddColumn(new TableColumn("this day").RightAligned());
        table.AddColumn(new TableColumn("ATC'20").RightAligned());
        table.AddRow("functions / apps", $"{figures.Functions:N0} / {figures.Apps:N0}", "");
        table.AddRow("invocations", figures.Invocations.ToString("N0", CultureInfo.InvariantCulture), "");
        table.AddRow("invocations of the top 18.6% of apps", Percent(figures.TopAppsShare), "99.6% (Fig. 5b)");
        table.AddRow("invocations of the top 18.6% of functions", Percent(figures.TopFunctionsShare), "");
        table.AddRow("apps invoked ≤ hourly / ≤ each minute", $"{Percent(figures.AppsAtMostHourly)} / {Percent(figures.AppsAtMostMinutely)}", "45% / 81% (Fig. 5a)");
        table.AddRow("orders of magnitude, function rates", figures.OrdersOfMagnitude.ToString("0.0", CultureInfo.InvariantCulture), "> 8, platform-wide (Fig. 5a)");
        table.AddRow("functions: mean duration < 1 s", Percent(figures.MeanUnderOneSecond), "50%; fit 56% (Fig. 7)");
        table.AddRow("functions: max < 3 s / ≤ 10 s / ≤ 60 s", $"{Percent(figures.MaxUnderThreeSeconds)} / {Percent(figures.MaxAtMostTenSeconds)} / {Percent(figures.MaxAtMostSixtySeconds)}", "50% / 75% / 90% (Fig. 7, §3)");
        table.AddRow("app memory max, p50 / p90", $"{Mb(figures.MemoryMaxP50Mb)} / {Mb(figures.MemoryMaxP90Mb)}", "170 MB / 400 MB (Fig. 8)");
        table.AddRow("app memory average, p50", Mb(figures.MemoryAverageP50Mb), "140 MB (Burr fit, Fig. 8)");
        foreach (var (trigger, functionShare, invocationShare) in Azure2019Calibration.Triggers)
        {
            table.AddRow(
                $"{trigger}: functions / invocations",
                $"{Percent(figures.TriggerFunctionShares.GetValueOrDefault(trigger))} / {Percent(figures.TriggerInvocationShares.GetValueOrDefault(trigger))}",
                $"{Percent(functionShare)} / {Percent(invocationShare)} (Fig. 2)");
        }

        table.AddRow("timers invoked ≤ each minute", Percent(figures.TimersAtMostMinutely), "95% (§3)");
        AnsiConsole.Write(table);

        static double Round(double value) => double.IsNaN(value) ? -1 : Math.Round(value, 4);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "generate-azure2019",
            folder = Path.GetDirectoryName(files.Invocations),
            seed = options.Seed,
            functions = figures.Functions,
            apps = figures.Apps,
            invocations = figures.Invocations,
            topAppsShare = Round(figures.TopAppsShare),
            topFunctionsShare = Round(figures.TopFunctionsShare),
            appsAtMostHourly = Round(figures.AppsAtMostHourly),
            appsAtMostMinutely = Round(figures.AppsAtMostMinutely),
            ordersOfMagnitude = Round(figures.OrdersOfMagnitude),
            meanUnderOneSecond = Round(figures.MeanUnderOneSecond),
            maxUnderThreeSeconds = Round(figures.MaxUnderThreeSeconds),
            maxAtMostTenSeconds = Round(figures.MaxAtMostTenSeconds),
            maxAtMostSixtySeconds = Round(figures.MaxAtMostSixtySeconds),
            memoryMaxP50Mb = Round(figures.MemoryMaxP50Mb),
            memoryMaxP90Mb = Round(figures.MemoryMaxP90Mb),
            memoryAverageP50Mb = Round(figures.MemoryAverageP50Mb),
            triggerFunctionShares = figures.TriggerFunctionShares.ToDictionary(p => p.Key, p => Round(p.Value)),
            triggerInvocationShares = figures.TriggerInvocationShares.ToDictionary(p => p.Key, p => Round(p.Value)),
            timersAtMostMinutely = Round(figures.TimersAtMostMinutely),
            seconds = Math.Round(written.TotalSeconds, 2),
        }));
    }
}
