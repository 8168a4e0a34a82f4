using HarvestOrleans.Tests.Infrastructure;
using HarvestOrleans.Grains.Harvest;

namespace HarvestOrleans.Tests.Harvest;

[Trait("Category", "Cluster")]
public class HarvestSourceTests
{
    [Fact]
    public void Traces_parse_in_the_authors_format()
    {
        var trace = HarvestTrace.Parse(new StringReader("0          26\n130        6\n# comment\n\n627 32\n"));
        Assert.Equal([new HarvestTraceStep(0, 26), new HarvestTraceStep(130, 6), new HarvestTraceStep(627, 32)], trace.Steps);
        Assert.Equal(26, trace.CoresAt(129.9));
        Assert.Equal(6, trace.CoresAt(130));
        Assert.Equal(32, trace.CoresAt(10_000));
    }

    [Theory]
    [InlineData("0 4\nten 8\n", "line 2")]
    [InlineData("0 4\n5 -1\n", "line 2")]
    [InlineData("10 4\n5 8\n", "line 2: time 5 s goes back")]
    [InlineData("0 4 extra\n", "line 1")]
    [InlineData("# nothing\n", "no '<seconds> <cores>' lines")]
    public void Malformed_traces_name_the_line(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => HarvestTrace.Parse(new StringReader(text), "t.txt"));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void The_shipped_active_traces_parse()
    {
        // The repository's own copy (samples/traces/harvest): a clone with nothing beside it runs this too.
        var folder = Path.Combine(RepoPaths.Root, "samples", "traces", "harvest", "active");
        Assert.True(Directory.Exists(folder), $"the paper's active traces are expected at {folder}");

        var files = Directory.GetFiles(folder, "*.txt");
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.InRange(HarvestTrace.Load(f).Steps.Count, 1, 100));
    }

    [Fact]
    public async Task Trace_replay_signals_each_step_scaled_in_time()
    {
        var trace = HarvestTrace.Parse(new StringReader("0 8\n10 2\n20 4\n"));
        var source = new TraceReplaySource(trace, timeScale: 100, loop: false, TimeProvider.System);
        var started = DateTimeOffset.UtcNow;
        var signals = new List<HarvestSignal>();
        await foreach (var signal in source.WatchAsync(CancellationToken.None))
        {
            signals.Add(signal);
        }

        Assert.Equal([new CoresChanged(8), new CoresChanged(2), new CoresChanged(4)], signals);
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromMilliseconds(190), "20 s of trace at 100x takes 0.2 s");
    }

    [Theory]
    [InlineData("max 100000", null)]
    [InlineData("250000 100000", 2.5)]
    [InlineData("50000", 0.5)]
    public void Cgroup_v2_cpu_max_parses(string text, double? cores) => Assert.Equal(cores, CgroupCpuQuota.ParseV2(text));

    [Fact]
    public async Task Cgroup_source_reads_v2_where_present_and_v1_otherwise_and_signals_changes()
    {
        var root = Directory.CreateTempSubdirectory("cgroup-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "cpu"));
            await File.WriteAllTextAsync(Path.Combine(root, "cpu", "cpu.cfs_quota_us"), "300000\n");
            await File.WriteAllTextAsync(Path.Combine(root, "cpu", "cpu.cfs_period_us"), "100000\n");
            var source = new CgroupCoresSource(root, TimeSpan.FromMilliseconds(20), TimeProvider.System);
            Assert.Equal(3, await source.ReadCoresAsync(CancellationToken.None));

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var seen = new List<double>();
            await foreach (var signal in source.WatchAsync(cts.Token))
            {
                seen.Add(((CoresChanged)signal).Cores);
                if (seen.Count == 1)
                {
                    await File.WriteAllTextAsync(Path.Combine(root, "cpu", "cpu.cfs_quota_us"), "-1\n"); // unlimited
                }
                else if (seen.Count == 2)
                {
                    await File.WriteAllTextAsync(Path.Combine(root, "cpu.max"), "150000 100000\n"); // v2 wins
                }
                else
                {
                    break;
                }
            }

            Assert.Equal([3, Environment.ProcessorCount, 1.5], seen);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
