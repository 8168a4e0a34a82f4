namespace HarvestOrleans.Routing;

/// <summary>A function's routing state, for operators and tests.</summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.FunctionRoutingInfo")]
public sealed record FunctionRoutingInfo
{
    [Id(0)] public required string Function { get; init; }

    [Id(1)] public string Policy { get; init; } = "";

    [Id(2)] public string? HomeVmId { get; init; }

    [Id(3)] public string[] WorkerSet { get; init; } = [];

    [Id(4)] public double Rps { get; init; }

    [Id(5)] public double ExecutionP75Ms { get; init; }

    [Id(6)] public double RequiredCores { get; init; }

    [Id(7)] public long Invocations { get; init; }

    [Id(8)] public long Overloads { get; init; }

    [Id(9)] public long SetVersion { get; init; }

    [Id(10)] public bool Registered { get; init; }

    /// <summary>Invocations cut off by evictions.</summary>
    [Id(11)] public long Evictions { get; init; }

    /// <summary>Cores one invocation is planned to use (reqCpu: measured once profiled).</summary>
    [Id(12)] public double ReqCpu { get; init; }

    /// <summary>The function's CPU limit, which the core gate compares VMs' cores with.</summary>
    [Id(13)] public double CpuLimit { get; init; }

    /// <summary>Invocations per second over the keep-alive's 10 min: above zero for a function called rarely but recently (what a joining VM ranks by).</summary>
    [Id(14)] public double KeepAliveRps { get; init; }
}
