using System.Globalization;
using System.Text.Json;
using HarvestOrleans.FunctionBench;
using HarvestOrleans.Functions;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocations;
using HarvestOrleans.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace HarvestOrleans.Experiments.Cores;

/// <summary>
/// Whether allotted cores are real: FunctionBench's <c>matmul</c> (rows split over <see cref="FunctionContext.AllottedCores"/>
/// with <c>Parallel.For</c>) deployed as three functions declaring 1, 2 and 4 cores on one VM of
/// <see cref="VM_CORES"/> emulated cores, invoked one at a time, interleaved. Reports each one's execution time, the
/// cores it measurably used and its speed-up over 1 core. The machine's own cores bound what 4 can gain.
/// </summary>
public static class CoresExperiment
{
    /// <summary>The emulated VM's cores: enough that none of the three ever waits for admission.</summary>
    public const double VM_CORES = 4;

    private static readonly int[] DeclaredCores = [1, 2, 4];

    public static async Task<CoresReport> RunAsync(int invocations, int n, CancellationToken cancellationToken = default)
    {
        var matmul = FunctionBenchSuite.All.Single(f => f.Spec.Name == "matmul");
        await using var cluster = await new HarvestTestClusterBuilder()
            .UseFastTestTimings(false)
            .ConfigureTestCluster(c =>
            {
                c.Options.ConfigureFileLogging = false;
                c.ConfigureHost(host => host.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning));
            })
            .ConfigureHarvest(harvest =>
            {
                foreach (var cores in DeclaredCores)
                {
                    harvest.AddFunction(matmul.Spec with { Name = Name(cores), Cores = cores }, _ => matmul.Create());
                }
            })
            .AddVm("vm-0", VM_CORES)
            .StartAsync(cancellationToken);

        var payload = FunctionPayload.FromJson(new MatrixMultiplyFunction.Request(N: n)).ToArray();
        var records = DeclaredCores.ToDictionary(c => c, _ => new List<InvocationRecord>());
        foreach (var cores in DeclaredCores)
        {
            (await cluster.Client.InvokeAsync(Name(cores), payload, cancellationToken: cancellationToken)).EnsureSuccess(); // its cold start, not counted
        }

        // Interleaved, so that a slower moment of the shared machine falls on all three alike.
        for (var i = 0; i < invocations; i++)
        {
            foreach (var cores in DeclaredCores)
            {
                records[cores].Add((await cluster.Client.InvokeAsync(Name(cores), payload, cancellationToken: cancellationToken)).EnsureSuccess());
            }
        }

        var rows = DeclaredCores.Select(c => CoresRow.Of(Name(c), c, records[c])).ToList();
        var report = new CoresReport(n, invocations, VM_CORES, Environment.ProcessorCount, rows);
        report.Print();
        return report;
    }

    private static string Name(int cores) => $"matmul-{cores}c";
}

/// <summary>One of the three functions: how long it ran and how many cores it measurably used.</summary>
public sealed record CoresRow(string Function, int DeclaredCores, int Invocations, double MedianMs, double P90Ms, double MedianAverageCores, double MedianCpuSeconds)
{
    internal static CoresRow Of(string function, int cores, IReadOnlyList<InvocationRecord> records)
    {
        static double Percentile(IEnumerable<double> values, double p)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        }

        return new CoresRow(function, cores, records.Count,
            Percentile(records.Select(r => r.ExecutionMs), 50),
            Percentile(records.Select(r => r.ExecutionMs), 90),
            Percentile(records.Select(r => r.AverageCores), 50),
            Percentile(records.Select(r => r.CpuSeconds), 50));
    }
}

/// <summary>The experiment's figures: a table, and one JSON line.</summary>
public sealed record CoresReport(int N, int Invocations, double VmCores, int MachineProcessors, IReadOnlyList<CoresRow> Rows)
{
    /// <summary>Median execution time at 1 core over the row's: how much faster its cores made it.</summary>
    public double SpeedUp(CoresRow row) => Rows[0].MedianMs / row.MedianMs;

    public string Json => JsonSerializer.Serialize(new
    {
        benchmark = "cores",
        function = "matmul",
        n = N,
        invocations = Invocations,
        vmCores = VmCores,
        machineProcessors = MachineProcessors,
        rows = Rows.Select(r => new
        {
            function = r.Function,
            declaredCores = r.DeclaredCores,
            medianMs = Math.Round(r.MedianMs, 2),
            p90Ms = Math.Round(r.P90Ms, 2),
            averageCores = Math.Round(r.MedianAverageCores, 3),
            cpuSeconds = Math.Round(r.MedianCpuSeconds, 4),
            speedUp = Math.Round(SpeedUp(r), 3),
        }),
    });

    internal void Print()
    {
        var table = new Table().Title(Markup.Escape($"matmul n={N}: {Invocations} invocations each, one at a time, on a VM of {VmCores} emulated cores (machine: {MachineProcessors} processors)"));
        foreach (var column in new[] { "function", "declared cores", "median ms", "p90 ms", "measured avg cores", "core-s", "speed-up vs 1 core" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var r in Rows)
        {
            table.AddRow(r.Function, $"{r.DeclaredCores}", F(r.MedianMs), F(r.P90Ms), F(r.MedianAverageCores, "0.00"), F(r.MedianCpuSeconds, "0.000"), F(SpeedUp(r), "0.00") + "x");
        }

        AnsiConsole.Write(table);
        Console.WriteLine("Medians per invocation. Average cores = measured CPU time / execution time; it cannot exceed the machine's processors.");
        Console.WriteLine(Json);
    }

    private static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
}
