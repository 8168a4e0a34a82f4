using HarvestOrleans.Cluster;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Grains.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Cluster;

/// <summary>
/// The silo's side of its VM: when the silo becomes active it warms what the VM will serve (<see cref="VmJoinWarmup"/>)
/// and then registers the VM, so the balancer counts it in warm; then every report interval it sends the VM's load to
/// its HarvestVmGrain and each function's usage to its FunctionGrain.
/// </summary>
internal sealed partial class VmAgent(
    VmIdentity vm,
    FunctionInvoker invoker,
    VmJoinWarmup warmup,
    IGrainFactory grains,
    IOptions<InvokerOptions> options,
    ILogger<VmAgent> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private const int ResourceMonitorPingEvery = 5;
    private PeriodicLoop? _loop;
    private int _reports;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(VmAgent), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    private async Task OnStartAsync(CancellationToken cancellationToken)
    {
        await warmup.RunAsync(cancellationToken);
        await grains.GetGrain<IHarvestVmGrain>(vm.VmId).RegisterAsync(vm.Registration).WaitAsync(cancellationToken);
        LogRegistered(vm.VmId, vm.InitialCores);
        await grains.GetGrain<IResourceMonitorGrain>(IResourceMonitorGrain.Key).EnsureRunningAsync();
        _loop = new PeriodicLoop(options.Value.LoadReportInterval, ReportAsync, LogReportFailed);
        _loop.Start();
    }

    private Task OnStopAsync(CancellationToken cancellationToken) => _loop?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        await grains.GetGrain<IHarvestVmGrain>(vm.VmId).ReportLoadAsync(invoker.SampleLoad()).ConfigureAwait(false);
        foreach (var (function, report) in invoker.DrainUsage())
        {
            await grains.GetGrain<IFunctionGrain>(function).ReportUsageAsync(report).ConfigureAwait(false);
        }

        // Keeps the cluster's Resource Monitor alive: if its silo went away, this reactivates it elsewhere.
        if (++_reports % ResourceMonitorPingEvery == 0)
        {
            await grains.GetGrain<IResourceMonitorGrain>(IResourceMonitorGrain.Key).EnsureRunningAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "VM {VmId} registered with {Cores} cores")]
    private partial void LogRegistered(string vmId, double cores);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting VM load or function usage failed; retrying next interval")]
    private partial void LogReportFailed(Exception exception);
}
