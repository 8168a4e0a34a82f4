using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Grains.Invoker;

public sealed partial class FunctionInvoker
{
    [LoggerMessage(Level = LogLevel.Information, Message = "VM {VmId} invoker: state {From} -> {To}")]
    private partial void LogStateChanged(string vmId, VmState from, VmState to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VM {VmId} is being evicted: {Running} running invocation(s) end as Evicted")]
    private partial void LogEvictingRunning(string vmId, int running);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VM {VmId}: invocations' CPU time is not measured on {Os} (Linux and Windows only); records and load reports say 0")]
    private partial void LogCpuNotMeasured(string vmId, string os);
}
