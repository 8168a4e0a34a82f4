using HarvestOrleans.Routing;

namespace HarvestOrleans.Grains.Routing;

/// <summary>A FunctionGrain's in-memory state, carried when it migrates off a draining silo.</summary>
[GenerateSerializer, Alias("HarvestOrleans.FunctionGrainMigrationState")]
internal sealed record FunctionGrainMigrationState
{
    [Id(0)] public int SetSize { get; init; }

    [Id(1)] public string? HomeVmId { get; init; }

    [Id(2)] public long LastShrinkMs { get; init; }

    [Id(3)] public long SetVersion { get; init; }

    // Id 4 was RateFirstMs (the rate window's first report): retired with RateStartMs, do not reuse it.

    [Id(5)] public long[] RateAtMs { get; init; } = [];

    [Id(6)] public long[] RateCounts { get; init; } = [];

    [Id(7)] public double[] ExecutionMs { get; init; } = [];

    [Id(8)] public long Invocations { get; init; }

    [Id(9)] public long Overloads { get; init; }

    [Id(10)] public long Evictions { get; init; }

    [Id(11)] public Guid[] HandledEvents { get; init; } = [];

    /// <summary>Where each rate report's interval starts, index for index with <see cref="RateAtMs"/>.</summary>
    [Id(12)] public long[] RateStartMs { get; init; } = [];

    /// <summary>Recent measured cores per invocation, oldest first.</summary>
    [Id(13)] public double[] CpuCores { get; init; } = [];

    // The authors' cumulative CPU profile (PaperCpuProfileState, field for field).
    [Id(14)] public long[] PaperCpuBins { get; init; } = [];

    [Id(15)] public long PaperNewSamples { get; init; }

    [Id(16)] public long PaperCpuTimeProduct { get; init; }

    [Id(17)] public long PaperExecutionMsSum { get; init; }

    [Id(18)] public double PaperCpuUtil { get; init; }

    [Id(19)] public double PaperCpuLimit { get; init; }

    [Id(20)] public long PaperExecutionMs { get; init; } = -1;

    [Id(21)] public long PaperJsqNewSamples { get; init; }

    [Id(22)] public double PaperCpuP75 { get; init; }

    /// <summary>The keep-alive rate's reports (<see cref="Policies.FunctionUsageProfile.KeepAliveRps"/>): where each interval starts.</summary>
    [Id(23)] public long[] KeepAliveRateStartMs { get; init; } = [];

    /// <summary>When each keep-alive rate report came, index for index with <see cref="KeepAliveRateStartMs"/>.</summary>
    [Id(24)] public long[] KeepAliveRateAtMs { get; init; } = [];

    /// <summary>Each keep-alive rate report's count.</summary>
    [Id(25)] public long[] KeepAliveRateCounts { get; init; } = [];
}
