using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using HarvestOrleans.Resilience;
using Polly;
using Polly.Registry;

namespace HarvestOrleans.Grains.Harvest;

/// <summary>
/// The paper's Harvest Monitor, one per silo: watches the configured sources and feeds the VM's HarvestVmGrain —
/// core changes become resizes, eviction notices become drains with the notice's deadline (acknowledged once the
/// VM has drained).
/// </summary>
internal sealed partial class HarvestMonitor(
    VmIdentity vm,
    IGrainFactory grains,
    VmDrainCoordinator drain,
    IOptions<HarvestMonitorOptions> options,
    IOptions<HarvestVmOptions> vmOptions,
    ResiliencePipelineProvider<string> pipelines,
    TimeProvider time,
    ILogger<HarvestMonitor> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ResiliencePipeline _ackRetry = pipelines.GetPipeline(HarvestPipelines.EvictionAcknowledgement);
    private readonly List<Task> _watchers = [];
    private HttpClient? _http;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(HarvestMonitor), ServiceLifecycleStage.Active + 1, OnStartAsync, OnStopAsync);

    public IReadOnlyList<IHarvestSource> CreateSources()
    {
        var o = options.Value;
        var sources = new List<IHarvestSource>();
        switch (o.CoreSource)
        {
            case CoreSourceKind.Static:
                sources.Add(new StaticCoresSource(vmOptions.Value.Cores));
                break;
            case CoreSourceKind.Trace:
                sources.Add(new TraceReplaySource(HarvestTrace.Load(o.TracePath!), o.TimeScale, o.LoopTrace, time));
                break;
            case CoreSourceKind.Cgroup:
                sources.Add(new CgroupCoresSource(o.CgroupRoot, o.PollInterval, time));
                break;
        }

        if (o.ScheduledEvents)
        {
            _http ??= new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            sources.Add(new ScheduledEventsSource(_http, o.ScheduledEventsEndpoint, o.AzureVmName ?? vm.VmId, o.PollInterval, o.DefaultNotice, time));
        }

        return sources;
    }

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        foreach (var source in CreateSources())
        {
            _watchers.Add(Task.Run(() => WatchAsync(source, _stopping.Token)));
        }

        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        await Task.WhenAll(_watchers).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _http?.Dispose();
    }

    private async Task WatchAsync(IHarvestSource source, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await foreach (var signal in source.WatchAsync(stopping))
                {
                    await ApplyAsync(signal, source.Name);
                }

                return; // a finite source (static, a non-looping trace) is done
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogSourceFailed(source.Name, ex);
                await Task.Delay(options.Value.PollInterval, time, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ApplyAsync(HarvestSignal signal, string source)
    {
        var grain = grains.GetGrain<IHarvestVmGrain>(vm.VmId);
        switch (signal)
        {
            case CoresChanged changed:
                LogCores(source, vm.VmId, changed.Cores);
                await grain.ResizeAsync(changed.Cores);
                break;
            case EvictionNotice notice:
                LogNotice(source, vm.VmId, notice.Kind, notice.EventId, notice.NotBefore);
                drain.OnDrained($"{source}/{notice.EventId}", () => _ackRetry.ExecuteAsync(ct => new ValueTask(notice.Acknowledge(ct))).AsTask()); // once per event
                await grain.BeginEvictionAsync(notice.NotBefore, $"{notice.Kind} notice {notice.EventId}");
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Harvest source {Source}: VM {VmId} now has {Cores} cores")]
    private partial void LogCores(string source, string vmId, double cores);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Harvest source {Source}: VM {VmId} gets a {Kind} notice ({EventId}), not before {NotBefore}")]
    private partial void LogNotice(string source, string vmId, string kind, string eventId, DateTimeOffset notBefore);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Harvest source {Source} failed; restarting it")]
    private partial void LogSourceFailed(string source, Exception exception);
}
