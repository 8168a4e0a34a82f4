namespace HarvestOrleans.Cluster;

/// <summary>A VM's load as its invoker last reported it.</summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.VmLoad")]
public sealed record VmLoad
{
    public static VmLoad Idle { get; } = new();

    [Id(0)] public double CoresInUse { get; init; }

    [Id(1)] public double MemoryInUseMb { get; init; }

    [Id(2)] public int QueueLength { get; init; }

    [Id(3)] public int Running { get; init; }

    /// <summary>Peak cores in use over the last few report intervals: what placement plans against.</summary>
    [Id(4)] public double RecentPeakCores { get; init; }

    [Id(5)] public double RecentPeakMemoryMb { get; init; }

    [Id(6)] public DateTimeOffset ReportedAt { get; init; }

    /// <summary>Functions with a warm instance on the VM: placement may prefer these to avoid cold starts.</summary>
    [Id(7)] public string[] WarmFunctions { get; init; } = [];

    /// <summary>Cores the VM's invocations measurably used over the last report interval (CPU time / interval).</summary>
    [Id(8)] public double MeasuredCpuCores { get; init; }

    /// <summary>The peak of <see cref="MeasuredCpuCores"/> over the last few report intervals.</summary>
    [Id(9)] public double RecentPeakMeasuredCpuCores { get; init; }
}
