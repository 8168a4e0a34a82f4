using HarvestOrleans.Experiments.Traces;

namespace HarvestOrleans.UnitTests.Experiments;

/// <summary>The 2019 parser's optional columns: duration percentiles, minimum/maximum, and the per-app memory file.</summary>
[Trait("Category", "Unit")]
public sealed class Azure2019FilesTests : IDisposable
{
    private const string DURATIONS_HEADER = "HashOwner,HashApp,HashFunction,Average,Count,Minimum,Maximum,percentile_Average_0,percentile_Average_1,percentile_Average_25,percentile_Average_50,percentile_Average_75,percentile_Average_99,percentile_Average_100";
    private const string MEMORY_HEADER = "HashOwner,HashApp,SampleCount,AverageAllocatedMb,AverageAllocatedMb_pct1,AverageAllocatedMb_pct5,AverageAllocatedMb_pct25,AverageAllocatedMb_pct50,AverageAllocatedMb_pct75,AverageAllocatedMb_pct95,AverageAllocatedMb_pct99,AverageAllocatedMb_pct100";

    private readonly string _dir = Directory.CreateTempSubdirectory("harvest-azure2019-").FullName;

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private string Invocations() => Write("inv.csv", "HashOwner,HashApp,HashFunction,Trigger,1,2,3", "o,a,f1,http,1,0,2", "o,a,f2,timer,1,1,1", "o,b,g,queue,0,5,0");

    [Fact]
    public void Duration_percentiles_and_app_memory_are_read_and_shared_by_an_apps_functions()
    {
        var durations = Write("dur.csv", DURATIONS_HEADER, "o,a,f1,100,3,4,900,5,6,50,90,120,800,900", "o,a,f2,40000,3,,,35000,35000,38000,40000,41000,45000,46000");
        var memory = Write("mem.csv", MEMORY_HEADER, "o,a,8640,150,120,125,140,149,160,180,190,200.5");

        var day = Azure2019Trace.Load(new Azure2019Files(Invocations(), durations, memory));

        Assert.Equal(3, day.Minutes);
        Assert.Equal(1, day.WithoutDuration); // o/b/g
        Assert.Equal(1, day.WithoutMemory);   // app o/b has no memory row
        var f1 = day.Functions[0];
        Assert.Equal(100, f1.AverageMs);
        Assert.Equal((3L, 4.0, 900.0), (f1.Duration!.Count!.Value, f1.Duration.MinimumMs!.Value, f1.Duration.MaximumMs!.Value));
        Assert.Equal([(0.0, 5.0), (1, 6), (25, 50), (50, 90), (75, 120), (99, 800), (100, 900)], f1.Duration.Percentiles);
        var execution = f1.Duration.Distribution();
        Assert.Equal((5.0, 90.0, 900.0), (execution.Quantile(0), execution.Median, execution.Quantile(1)));
        Assert.Null(day.Functions[1].Duration!.MinimumMs); // not recorded (the dataset's note 6): empty, not zero
        Assert.Same(f1.Memory, day.Functions[1].Memory);
        Assert.Equal((8640L, 150.0), (f1.Memory!.SampleCount, f1.Memory.AverageMb));
        Assert.Equal(149, f1.Memory.Distribution().Median);
        Assert.Equal(200.5, f1.Memory.Distribution().Quantile(1));
        Assert.Null(day.Functions[2].Memory);
        Assert.Equal(3, f1.Invocations);
    }

    [Fact]
    public void A_durations_file_without_percentiles_falls_back_to_the_average()
    {
        var durations = Write("dur.csv", "HashOwner,HashApp,HashFunction,Average,Count,Minimum,Maximum", "o,a,f1,250,3,100,600");

        var day = Azure2019Trace.Load(new Azure2019Files(Invocations(), durations));

        var duration = day.Functions[0].Duration!;
        Assert.Empty(duration.Percentiles);
        Assert.Equal(600, duration.MaximumMs);
        var execution = duration.Distribution();
        Assert.Equal((250.0, 250.0, 250.0), (execution.Quantile(0), execution.Median, execution.Quantile(1)));
        Assert.All(day.Functions, f => Assert.Null(f.Memory));
        Assert.Equal(3, day.WithoutMemory);
    }

    public static TheoryData<string, string, string[], int, string> Malformed => new()
    {
        { "percentile not a number", "dur", [DURATIONS_HEADER, "o,a,f1,100,3,4,900,5,6,50,90,120,800,900", "o,a,f2,100,3,4,900,5,6,fifty,90,120,800,900"], 3, "percentile_Average_25 is not a number" },
        { "row short of its percentiles", "dur", [DURATIONS_HEADER, "o,a,f1,100,3,4,900,5,6,50"], 2, "percentile_Average_50 is not a number" },
        { "negative percentile", "dur", [DURATIONS_HEADER, "o,a,f1,100,3,4,900,-5,6,50,90,120,800,900"], 2, "percentile_Average_0 must not be negative" },
        { "negative maximum", "dur", [DURATIONS_HEADER, "o,a,f1,100,3,4,-900,5,6,50,90,120,800,900"], 2, "Maximum must not be negative" },
        { "memory header", "mem", ["HashOwner,HashApp,Samples,AverageAllocatedMb", "o,a,1,100"], 1, "header" },
        { "memory not a number", "mem", [MEMORY_HEADER, "o,a,8640,150,120,125,140,149,160,180,190,200", "o,b,8640,lots,1,2,3,4,5,6,7,8"], 3, "AverageAllocatedMb is not a number" },
        { "memory percentile missing", "mem", [MEMORY_HEADER, "o,a,8640,150,120,125,140"], 2, "AverageAllocatedMb_pct50 is not a number" },
        { "memory negative", "mem", [MEMORY_HEADER, "o,a,8640,150,120,125,140,149,160,180,190,-1"], 2, "AverageAllocatedMb_pct100 must not be negative" },
        { "memory short line", "mem", [MEMORY_HEADER, "o,a,8640"], 2, "expected at least 4 fields" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_durations_or_memory_line_is_reported_with_its_file_and_line(string problem, string file, string[] lines, int line, string message)
    {
        var durations = file == "dur" ? Write("dur.csv", lines) : Write("dur.csv", "HashOwner,HashApp,HashFunction,Average", "o,a,f1,10");
        var memory = file == "mem" ? Write("mem.csv", lines) : null;

        var error = Assert.Throws<TraceFormatException>(() => Azure2019Trace.Load(new Azure2019Files(Invocations(), durations, memory)));

        Assert.True(line == error.Line, $"{problem}: reported line {error.Line}, expected {line}");
        Assert.StartsWith($"{file}.csv:{line}:", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_folder_gives_its_days_files_and_the_memory_file_only_where_there_is_one()
    {
        File.WriteAllText(Path.Combine(_dir, Azure2019Format.InvocationsFile(2)), "");
        File.WriteAllText(Path.Combine(_dir, Azure2019Format.DurationsFile(2)), "");
        File.WriteAllText(Path.Combine(_dir, Azure2019Format.InvocationsFile(3)), "");
        File.WriteAllText(Path.Combine(_dir, Azure2019Format.DurationsFile(3)), "");
        File.WriteAllText(Path.Combine(_dir, Azure2019Format.MemoryFile(3)), "");

        var two = Azure2019Files.InFolder(_dir, day: 2);
        var three = Azure2019Files.InFolder(_dir, day: 3);
        var first = Azure2019Files.InFolder(_dir);

        Assert.Equal("invocations_per_function_md.anon.d02.csv", Path.GetFileName(two.Invocations));
        Assert.Null(two.Memory);
        Assert.Equal("app_memory_percentiles.anon.d03.csv", Path.GetFileName(three.Memory));
        Assert.Equal(two.Invocations, first.Invocations); // d02 sorts first
        Assert.Throws<FileNotFoundException>(() => Azure2019Files.InFolder(_dir, day: 4));
        Assert.Throws<FileNotFoundException>(() => Azure2019Files.InFolder(Path.Combine(_dir, "missing")));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
