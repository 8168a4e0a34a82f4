using HarvestOrleans.Cluster;
using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Grains.Cluster;

internal sealed partial class HarvestVmGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "VM {VmId} registered by silo {Silo}: {Cores} cores, role {Role}")]
    private partial void LogRegistered(string vmId, string silo, double cores, VmRole role);

    [LoggerMessage(Level = LogLevel.Information, Message = "VM {VmId} resized from {From} to {To} cores")]
    private partial void LogResized(string vmId, double from, double to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VM {VmId} is draining ({Reason}); deadline {Deadline}")]
    private partial void LogDraining(string vmId, string reason, DateTimeOffset? deadline);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VM {VmId} is evicted ({Reason})")]
    private partial void LogEvicted(string vmId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VM {VmId}: the handover before its drain failed; draining now")]
    private partial void LogHandoverFailed(string vmId, Exception exception);
}
