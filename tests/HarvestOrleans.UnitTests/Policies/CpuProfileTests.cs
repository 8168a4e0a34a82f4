namespace HarvestOrleans.UnitTests.Policies;

/// <summary>
/// A function's CPU statistics (issue 14, item 4), per rule of docs/mws-as-implemented.md §2. Paper rows reproduce the
/// authors' Distribution (DIS) and CommonLoadBalancer (CLB) at the lines named; default rows are the project's.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CpuProfileTests
{
    private const int Recent = 512;

    /// <summary>The first sample in its own (first) report, the rest in a later one: the first-profile rule then touches only the first.</summary>
    private static CpuProfile Fed(params (float Ms, float Cpu)[] samples)
    {
        var profile = new CpuProfile(Recent);
        profile.AddReport([samples[0].Ms], [samples[0].Cpu]);
        profile.AddReport([.. samples.Skip(1).Select(s => s.Ms)], [.. samples.Skip(1).Select(s => s.Cpu)]);
        return profile;
    }

    private static (float, float)[] Repeat(int n, float ms, float cpu) => Enumerable.Repeat((ms, cpu), n).ToArray();

    public static TheoryData<PolicyMode, double, double, double, double, bool> DefaultsBeforeAnyProfile => new()
    {
        // HV 345-367: reqCpu 1.0, cpuLimit = the action's limit (1-4), exe 1 ms.
        { PolicyMode.Paper, 2, 1.0, 2, 1, false },
        { PolicyMode.Paper, 0.5, 1.0, 1, 1, false },
        { PolicyMode.Paper, 8, 1.0, 4, 1, false },
        // Default: the declared cores are the best guess until measured; no execution sample yet reads 0.
        { PolicyMode.Default, 2, 2, 2, 0, false },
        { PolicyMode.Default, 0.5, 0.5, 1, 0, false },
        { PolicyMode.Default, 8, 8, 4, 0, false },
    };

    [Theory]
    [MemberData(nameof(DefaultsBeforeAnyProfile))]
    public void Defaults_before_any_profile_HV_345_367(PolicyMode mode, double declared, double reqCpu, double cpuLimit, double exeMs, bool profiled)
    {
        Assert.Equal(new CpuEstimate(reqCpu, cpuLimit, exeMs, 0, profiled), new CpuProfile(Recent).Estimate(mode, declared));
    }

    [Theory]
    [InlineData(PolicyMode.Paper)]
    [InlineData(PolicyMode.Default)]
    public void Reports_without_cpu_samples_leave_the_defaults(PolicyMode mode)
    {
        var profile = new CpuProfile(Recent);
        profile.AddReport([100, 200, 300, 400], []); // CPU not measured (CLB 584: cores <= 0 are dropped too)
        profile.AddReport([100, 200], [0, -1]);
        var estimate = profile.Estimate(mode, declaredCores: 2);
        Assert.False(estimate.Profiled);
        Assert.Equal(mode == PolicyMode.Paper ? (1.0, 2.0, 1.0) : (2.0, 2.0, 300.0), (estimate.ReqCpu, estimate.CpuLimit, estimate.ExecutionMs));
    }

    /// <summary>A cold function's first report: (ms, cores) of its samples in order → (cpuLimit, reqCpu, exe ms).</summary>
    public static TheoryData<(float Ms, float Cpu)[], double, double, double> FirstProfiles => new()
    {
        { [(200, 0.6f)], 2, 1, 300 },             // clamp(⌈1.2⌉), clamp(⌈0.9⌉), trunc(300)
        { [(101, 1.7f)], 4, 3, 151 },             // ⌈3.4⌉, ⌈2.55⌉, trunc(151.5)
        { [(10, 3f)], 4, 4, 15 },                 // clamped to 4
        { [(100, 0.5f), (400, 1.6f)], 4, 3, 600 }, // every sample of the report overwrites: the last wins
        { [(100, 0.04f), (300, 0.3f)], 1, 1, 450 }, // 0.04 rounds to 0.0 and is dropped (DockerContainer 310-311, CLB 584)
        // Five samples in the first report: the 5th recomputes (CLB 288), then its own first-profile overwrite wins.
        { [(100, 1f), (100, 1f), (100, 1f), (100, 1f), (100, 0.2f)], 1, 1, 150 },
    };

    [Theory]
    [MemberData(nameof(FirstProfiles))]
    public void A_cold_function_s_first_profile_CLB_323_331((float Ms, float Cpu)[] report, double cpuLimit, double reqCpu, double exeMs)
    {
        var profile = new CpuProfile(Recent);
        profile.AddReport([.. report.Select(s => s.Ms)], [.. report.Select(s => s.Cpu)]);
        var estimate = profile.Estimate(PolicyMode.Paper, declaredCores: 2);
        Assert.True(estimate.Profiled);
        Assert.Equal((cpuLimit, reqCpu, exeMs), (estimate.CpuLimit, estimate.ReqCpu, estimate.ExecutionMs));
    }

    [Fact]
    public void Only_every_5th_valid_sample_recomputes_CLB_288_DIS_85_111()
    {
        var profile = new CpuProfile(Recent);
        profile.AddReport([100], [1]); // first profile: limit 2, reqCpu ⌈1.5⌉ = 2, exe 150
        var first = new CpuEstimate(2, 2, 150, 0, true); // JSQ's p75 unknown until its 100th sample
        Assert.Equal(first, profile.Estimate(PolicyMode.Paper, 2));

        profile.AddReport([100, 100, 100, 50], [1, 1, 0, 1]); // samples 2-4 (the 0-core one is not valid)
        Assert.Equal(first, profile.Estimate(PolicyMode.Paper, 2));

        // 5th valid sample: Σtrunc(cpu·ms)/Σms = (100+100+100+50+trunc(0.2·300))/650 = 0.63 → 0.7; exe ⌊650/5⌋; p99 1.0 → limit 2.
        profile.AddReport([300], [0.2f]);
        var fifth = profile.Estimate(PolicyMode.Paper, 2);
        Assert.Equal((0.7, 2.0, 130.0), (fifth.ReqCpu, fifth.CpuLimit, fifth.ExecutionMs));

        profile.AddReport([1000, 1000, 1000, 1000], [3, 3, 3, 3]); // 6th-9th: nothing changes
        Assert.Equal(fifth, profile.Estimate(PolicyMode.Paper, 2));

        // 10th: over all history, (410 + 5·3000)/5650 = 2.73 → 2.8; exe ⌊5650/10⌋; p99 3.0 → ⌈4.5⌉ clamped to 4.
        profile.AddReport([1000], [3]);
        var tenth = profile.Estimate(PolicyMode.Paper, 2);
        Assert.Equal((2.8, 4.0, 565.0), (tenth.ReqCpu, tenth.CpuLimit, tenth.ExecutionMs));
    }

    /// <summary>Samples (ms, cores) → the authors' reqCpu, execution-time weighted (DIS 96, 166).</summary>
    public static TheoryData<(float Ms, float Cpu)[], double> WeightedMeans => new()
    {
        { Repeat(5, 100, 0.5f), 0.5 },
        // A long run at 2 cores and four short ones at 0.2: unweighted 0.56, weighted (2·1000 + 4·trunc(0.2·10))/1040 = 1.93 → 2.0.
        { [(1000, 2f), (10, 0.2f), (10, 0.2f), (10, 0.2f), (10, 0.2f)], 2.0 },
        // trunc per sample: 0.3 cores for 3 ms contributes trunc(0.9) = 0, so (0·4 + 100)/112 = 0.89 → 0.9.
        { [(3, 0.3f), (3, 0.3f), (3, 0.3f), (3, 0.3f), (100, 1f)], 0.9 },
    };

    [Theory]
    [MemberData(nameof(WeightedMeans))]
    public void ReqCpu_is_the_execution_time_weighted_mean_rounded_up_to_a_tenth_DIS_96_166((float Ms, float Cpu)[] samples, double reqCpu)
    {
        Assert.Equal(reqCpu, Fed(samples).Estimate(PolicyMode.Paper, 2).ReqCpu, precision: 9);
    }

    /// <summary>100 samples at 100 ms → clamp(⌈1.5 · p99⌉, 1, 4) with p99 over 0.1-core bins (CLB 322, DIS 89-102).</summary>
    public static TheoryData<PolicyMode, (float Ms, float Cpu)[], double> CpuLimits
    {
        get
        {
            var rows = new TheoryData<PolicyMode, (float, float)[], double>();
            foreach (var mode in new[] { PolicyMode.Paper, PolicyMode.Default })
            {
                rows.Add(mode, [.. Repeat(99, 100, 0.5f), .. Repeat(1, 100, 3f)], 1);  // 99% in bin 0.5: ⌈0.75⌉
                rows.Add(mode, [.. Repeat(98, 100, 0.5f), .. Repeat(2, 100, 3f)], 4);  // p99 is 3.0: ⌈4.5⌉ = 5, clamped
                rows.Add(mode, Repeat(100, 100, 1.2f), 2);                            // ⌈1.8⌉
                rows.Add(mode, Repeat(100, 100, 1.3f), 2);                            // ⌈1.95⌉
                rows.Add(mode, Repeat(100, 100, 1.4f), 3);                            // ⌈2.1⌉
                rows.Add(mode, Repeat(100, 100, 0.05f), 1);                           // bin 0.1 at least: clamped up to 1
            }

            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(CpuLimits))]
    public void CpuLimit_is_1_5_p99_over_tenth_bins_clamped_CLB_322(PolicyMode mode, (float Ms, float Cpu)[] samples, double cpuLimit)
    {
        Assert.Equal(cpuLimit, Fed(samples).Estimate(mode, declaredCores: 2).CpuLimit);
    }

    [Fact]
    public void Default_mode_plans_the_p75_of_recent_samples()
    {
        var profile = new CpuProfile(recentSamples: 4);
        profile.AddReport([100, 100, 100, 200, 300, 400], [3, 3, 0.5f, 0.5f, 0.5f, 1]); // the 3-core samples fall out
        var estimate = profile.Estimate(PolicyMode.Default, declaredCores: 2);
        Assert.Equal(new CpuEstimate(ReqCpu: 0.5, CpuLimit: 2, ExecutionMs: 300, CpuP75: 0.5, Profiled: true), estimate);
    }

    [Fact]
    public void Export_and_import_carry_both_modes_statistics_exactly()
    {
        var random = new Random(14);
        var profile = new CpuProfile(Recent);
        var moved = new CpuProfile(Recent);
        for (var report = 0; report < 7; report++)
        {
            var n = random.Next(1, 4);
            profile.AddReport([.. Enumerable.Range(0, n).Select(_ => (float)random.Next(1, 500))], [.. Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 3))]);
        }

        moved.Import(profile.Export());
        foreach (var p in new[] { profile, moved })
        {
            p.AddReport([120, 80, 40], [1.5f, 0.7f, 2.2f]); // the batch counter moved too: both recompute at the same sample
        }

        foreach (var mode in new[] { PolicyMode.Paper, PolicyMode.Default })
        {
            Assert.Equal(profile.Estimate(mode, 2), moved.Estimate(mode, 2));
        }
    }

    /// <summary>
    /// The reason the default mode plans from recent samples (ARCHITECTURE.md, deliberate differences): a function that
    /// drops from 1 core to 0.25 reads 0.25 in the default mode once the new behaviour fills the p75, while the authors'
    /// cumulative, time-weighted mean over all history still reads 0.7 after as many new samples as old.
    /// </summary>
    [Fact]
    public void After_a_change_the_default_follows_and_the_cumulative_mean_lags()
    {
        var profile = Fed([.. Repeat(500, 100, 1f), .. Repeat(500, 100, 0.25f)]);
        Assert.Equal(0.25, profile.Estimate(PolicyMode.Default, declaredCores: 1).ReqCpu, precision: 6);
        Assert.Equal(0.7, profile.Estimate(PolicyMode.Paper, declaredCores: 1).ReqCpu, precision: 6);
    }

    /// <summary>
    /// The authors' JSQ charges the p75 of the cumulative 0.1-core histogram, recomputed on every 100th valid sample,
    /// and the CPU limit while it is unknown (mws-as-implemented.md §7; HV 270-287 of the -jsq variant).
    /// </summary>
    [Fact]
    public void Paper_jsq_p75_is_recomputed_on_every_100th_sample_HV_jsq_270_287()
    {
        var profile = new CpuProfile(Recent);
        profile.AddReport([.. Enumerable.Repeat(100f, 99)], [.. Enumerable.Repeat(0.4f, 99)]);
        Assert.Equal(0, profile.Estimate(PolicyMode.Paper, 2).CpuP75);
        Assert.Equal(1, JoinShortestQueuePolicy.RequestedCores(Demand(profile))); // the CPU limit: clamp(⌈1.5 · 0.4⌉, 1, 4)

        profile.AddReport([100], [0.4f]); // the 100th
        Assert.Equal(0.4, profile.Estimate(PolicyMode.Paper, 2).CpuP75, precision: 9);
        Assert.Equal(0.4, JoinShortestQueuePolicy.RequestedCores(Demand(profile)), precision: 9);

        profile.AddReport([.. Enumerable.Repeat(100f, 99)], [.. Enumerable.Repeat(2f, 99)]); // 199: not yet
        Assert.Equal(0.4, profile.Estimate(PolicyMode.Paper, 2).CpuP75, precision: 9);
        profile.AddReport([100], [2f]); // the 200th: half the history at 2 cores
        Assert.Equal(2, profile.Estimate(PolicyMode.Paper, 2).CpuP75, precision: 9);

        static FunctionDemand Demand(CpuProfile p)
        {
            var cpu = p.Estimate(PolicyMode.Paper, 2);
            return new FunctionDemand("f", 0, cpu.ExecutionMs / 1000, cpu.ReqCpu, 256) { CpuLimit = cpu.CpuLimit, CpuP75 = cpu.CpuP75, Profiled = cpu.Profiled };
        }
    }
}
