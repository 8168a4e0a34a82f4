using HarvestOrleans.Functions;
using HarvestOrleans.Routing;
using HarvestOrleans.Grains.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Xunit;

namespace HarvestOrleans.UnitTests.Routing;

/// <summary>A function's usage profile, without its grain: what plans are made from, and what moves when it migrates.</summary>
[Trait("Category", "Unit")]
public sealed class FunctionProfileTests
{
    [Fact]
    public void A_profile_feeds_the_plan_and_survives_migration_unchanged()
    {
        var profile = new FunctionProfile(TimeSpan.FromSeconds(10), executionSamples: 100);
        profile.Add(1_000, new FunctionUsageReport { VmId = "vm-1", Count = 4, Overloads = 1, Evictions = 1, ExecutionMs = [100, 200, 300, 400], CpuCores = [0.5f, 0.5f, 1.5f, 0], IntervalMs = 1_000 });
        var spec = new FunctionSpec { Name = "f", Cores = 2, MemoryMb = 512, LongRunning = true };

        // Through the serializer, as dehydration carries it.
        using var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(FunctionGrainMigrationState).Assembly)).BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var state = serializer.Deserialize<FunctionGrainMigrationState>(serializer.SerializeToArray(profile.ExportTo(new FunctionGrainMigrationState { SetSize = 3 })))!;
        var moved = new FunctionProfile(TimeSpan.FromSeconds(10), executionSamples: 100);
        moved.Import(state);

        foreach (var p in new[] { profile, moved })
        {
            Assert.Equal((4L, 1L, 1L), (p.Invocations, p.Overloads, p.Evictions));
            Assert.Equal(profile.Demand("f", spec, PolicyMode.Default, 2_000), p.Demand("f", spec, PolicyMode.Default, 2_000));
            Assert.Equal(profile.Demand("f", spec, PolicyMode.Paper, 2_000), p.Demand("f", spec, PolicyMode.Paper, 2_000));
            var planned = new PlannedFunction("f", spec.Cores, spec.MemoryMb, spec.LongRunning);
            Assert.Equal(profile.EvictionProfile(planned), p.EvictionProfile(planned));
            Assert.Equal(0.4, p.EvictionProfile(planned).ObservedMaxSeconds!.Value, 6);
            Assert.True(p.ExecutionP75Ms > 200);
        }
    }

    [Fact]
    public void The_demand_carries_the_measured_cpu_of_the_mode_it_is_planned_in()
    {
        var profile = new FunctionProfile(TimeSpan.FromSeconds(10), executionSamples: 100);
        var spec = new FunctionSpec { Name = "f", Cores = 2, MemoryMb = 512 };
        profile.Add(1_000, new FunctionUsageReport { VmId = "vm-1", Count = 10, ExecutionMs = [100, 200, 300, 400], CpuCores = [0.5f, 0.5f, 1.5f, 0], IntervalMs = 1_000 });

        // Default: p75 of the measured cores, 1.5 · p99 of them rounded up, p75 execution time; 10 invocations in 1 s.
        Assert.Equal(
            new FunctionDemand("f", 10, 0.3, 1.5, 512) { CpuLimit = 3, CpuP75 = 1.5, Profiled = true },
            profile.Demand("f", spec, PolicyMode.Default, 1_000));

        // Paper: the first report overwrites with its last valid sample (1.5 cores, 300 ms): limit ⌈3⌉, reqCpu ⌈2.25⌉,
        // exe 450 ms; JSQ's p75 is unknown until the 100th sample.
        Assert.Equal(
            new FunctionDemand("f", 10, 0.45, 3, 512) { CpuLimit = 3, CpuP75 = 0, Profiled = true },
            profile.Demand("f", spec, PolicyMode.Paper, 1_000));
    }
}
