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
}
