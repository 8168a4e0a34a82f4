using HarvestOrleans.Experiments.Traces;
using HarvestOrleans.Experiments.Workloads.Synthetic;

namespace HarvestOrleans.UnitTests.Experiments;

/// <summary>
/// The calibrated generator: deterministic files in the dataset's format that parse back and show ATC'20's published
/// characteristics. Tolerances are stated per figure; draws are stratified, so they are tight at 1,000 functions.
/// </summary>
[Trait("Category", "Unit")]
public sealed class Azure2019GeneratorTests : IDisposable
{
    private static readonly string[] Names = [Azure2019Format.InvocationsFile(1), Azure2019Format.DurationsFile(1), Azure2019Format.MemoryFile(1)];

    private readonly string _dir = Directory.CreateTempSubdirectory("harvest-generator-").FullName;

    private string Folder(string name) => Path.Combine(_dir, name);

    [Fact]
    public void The_same_seed_writes_the_same_bytes_and_another_seed_does_not()
    {
        Azure2019Generator.Write(Folder("a"), new Azure2019GeneratorOptions { Functions = 300, Seed = 5 });
        Azure2019Generator.Write(Folder("b"), new Azure2019GeneratorOptions { Functions = 300, Seed = 5 });
        Azure2019Generator.Write(Folder("c"), new Azure2019GeneratorOptions { Functions = 300, Seed = 6 });

        foreach (var name in Names)
        {
            var a = File.ReadAllBytes(Path.Combine(Folder("a"), name));
            Assert.True(a.Length > 1000, name);
            Assert.Equal(a, File.ReadAllBytes(Path.Combine(Folder("b"), name)));
            Assert.NotEqual(a, File.ReadAllBytes(Path.Combine(Folder("c"), name)));
        }
    }

    [Fact]
    public void The_written_files_parse_back_to_what_was_generated()
    {
        var options = new Azure2019GeneratorOptions { Functions = 200, Seed = 11, Day = 3 };
        var generated = Azure2019Generator.Generate(options);

        var files = Azure2019Generator.Write(Folder("day"), options);
        var day = Azure2019Trace.Load(Azure2019Files.InFolder(Folder("day"), day: 3));

        Assert.Equal(files, Azure2019Files.InFolder(Folder("day"), day: 3));
        Assert.Equal(Azure2019Format.MINUTES_PER_DAY, day.Minutes);
        Assert.Equal((0, 0), (day.WithoutDuration, day.WithoutMemory));
        Assert.Equal(generated.Select(f => f.Id), day.Functions.Select(f => f.Id));
        Assert.Equal(generated.Select(f => f.Trigger), day.Functions.Select(f => f.Trigger));
        Assert.All(generated.Zip(day.Functions), p =>
        {
            Assert.Equal(p.First.PerMinute, p.Second.PerMinute);
            Assert.Equal(p.First.Invocations, p.Second.Duration!.Count);
            Assert.Equal(p.First.AverageMs, p.Second.AverageMs, tolerance: 0.0005);
            Assert.Equal(p.First.Duration!.Percentiles.Select(q => q.Value), p.Second.Duration.Percentiles.Select(q => q.Value), new Close(0.0005));
            Assert.Equal(p.First.Memory!.Distribution().Median, p.Second.Memory!.Distribution().Median, tolerance: 0.0005);
            Assert.True(p.Second.Duration.MinimumMs <= p.Second.Duration.Percentiles[0].Value + 0.001 && p.Second.Duration.Percentiles[^1].Value <= p.Second.Duration.MaximumMs + 0.001);
        });
        Assert.All(day.Functions, f => Assert.InRange(f.Invocations, 1, long.MaxValue)); // a day's file lists what ran
    }

    [Fact]
    public void A_day_of_1000_functions_shows_the_published_characteristics()
    {
        Azure2019Generator.Write(Folder("calibrated"), new Azure2019GeneratorOptions { Functions = 1000 });
        var day = Azure2019Trace.Load(Azure2019Files.InFolder(Folder("calibrated")));
        var figures = Azure2019Characteristics.Of(day.Functions);

        Assert.Equal(1000, figures.Functions);
        Assert.InRange(figures.Apps, 150, 400);                      // Fig. 1: ~4 functions per app on average
        Assert.InRange(figures.AppsAtMostHourly, 0.41, 0.49);         // Fig. 5(a): 45%, ±4 points
        Assert.InRange(figures.AppsAtMostMinutely, 0.774, 0.854);     // Fig. 5(a)/(b): 81.4%, ±4 points
        Assert.InRange(figures.TopAppsShare, 0.99, 1.0);              // Fig. 5(b): 99.6% of invocations from the top 18.6% of apps
        Assert.InRange(figures.TopFunctionsShare, 0.99, 1.0);
        Assert.InRange(figures.OrdersOfMagnitude, 5, 8.1);            // a thousand functions span fewer than the platform's 8
        Assert.InRange(figures.MeanUnderOneSecond, 0.54, 0.59);       // Fig. 7's fit: 56.4% (its text: 50%)
        Assert.InRange(figures.MaxUnderThreeSeconds, 0.45, 0.65);     // Fig. 7: 50%
        Assert.InRange(figures.MaxAtMostSixtySeconds, 0.86, 0.96);    // Fig. 7: 90%
        Assert.InRange(figures.MemoryMaxP50Mb, 155, 185);             // Fig. 8: 170 MB
        Assert.InRange(figures.MemoryMaxP90Mb, 370, 430);             // Fig. 8: 400 MB
        Assert.InRange(figures.MemoryAverageP50Mb, 125, 155);         // Fig. 8's Burr fit: 140 MB
        foreach (var (trigger, functions, _) in Azure2019Calibration.Triggers)
        {
            Assert.Equal(functions, figures.TriggerFunctionShares[trigger], tolerance: 0.001); // Fig. 2, to rounding
        }

        Assert.InRange(figures.TimersAtMostMinutely, 0.93, 1.0);      // §3: 95%
        Assert.True(figures.TriggerInvocationShares["event"] > 5 * figures.TriggerFunctionShares["event"], "Fig. 2: few event functions, many invocations");
        Assert.True(figures.TriggerInvocationShares["timer"] < figures.TriggerFunctionShares["timer"] / 3, "Fig. 2: many timer functions, few invocations");

        // Fig. 4: the quietest hour at about half the peak's (the cosine's 02:00 trough against its 14:00 peak).
        long Hour(int h) => day.Functions.Sum(f => f.PerMinute.Skip(h * 60).Take(60).Sum(c => (long)c));
        Assert.InRange((double)Hour(2) / Hour(14), 0.4, 0.65);
    }

    [Fact]
    public void The_median_function_runs_between_half_a_second_and_a_second_on_average()
    {
        var averages = Azure2019Generator.Generate(new Azure2019GeneratorOptions { Functions = 500, Seed = 3 }).Select(f => f.AverageMs).Order().ToArray();

        Assert.InRange(averages[averages.Length / 2], 500, 1000); // Fig. 7's fit: e^-0.38 s = 684 ms
    }

    [Fact]
    public void The_daily_total_is_met_exactly_and_the_rare_apps_keep_their_rates()
    {
        var natural = Azure2019Generator.Generate(new Azure2019GeneratorOptions { Functions = 800, Seed = 9 });
        var scaled = Azure2019Generator.Generate(new Azure2019GeneratorOptions { Functions = 800, Seed = 9, DailyInvocations = 3_000_000 });

        Assert.Equal(3_000_000, scaled.Sum(f => f.Invocations));
        var (before, after) = (Azure2019Characteristics.Of(natural), Azure2019Characteristics.Of(scaled));
        Assert.NotEqual(before.Invocations, after.Invocations);
        Assert.Equal(before.AppsAtMostHourly, after.AppsAtMostHourly, tolerance: 0.02);
        Assert.Equal(before.AppsAtMostMinutely, after.AppsAtMostMinutely, tolerance: 0.02);
        Assert.InRange(after.TopAppsShare, 0.99, 1.0);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Azure2019Generator.Generate(new Azure2019GeneratorOptions { Functions = 800, DailyInvocations = 5_000 }));
        Assert.Equal("target", error.ParamName);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class Close(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
