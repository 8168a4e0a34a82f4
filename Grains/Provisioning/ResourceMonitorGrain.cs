using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Provisioning;

/// <summary>
/// The paper's Resource Monitor: every check interval it sums the cores of Active VMs and, when they fall below the
/// configured minimum, asks the <see cref="IVmProvisioner"/> for the difference — once: a request covers the deficit until
/// its cores have all arrived or its grace period has passed, and none is made while the provisioner works on the last
/// one (<see cref="ProvisioningPlan"/>), so VMs still booting, or a pool that grew but is still short, are not requested
/// again and again. It keeps a bounded history of the pool. Silos keep it running by calling
/// <see cref="EnsureRunningAsync"/>; it moves off a draining silo like the other HarvestOrleans grains.
/// </summary>
internal sealed partial class ResourceMonitorGrain(
    IOptions<ResourceMonitorOptions> options,
    LocalGrainRegistry local,
    TimeProvider time,
    ILogger<ResourceMonitorGrain> logger,
    IVmProvisioner? provisioner = null) : Grain, IResourceMonitorGrain, IEvacuatingGrain, IGrainMigrationParticipant
{
    private readonly Queue<PoolSample> _history = new();
    private ProvisioningPlan? _plan;
    private IGrainTimer? _timer;
    private DateTimeOffset _activatedAt;
    private Task<string>? _provisioning;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activatedAt = time.GetUtcNow();
        _plan = new ProvisioningPlan(options.Value.ProvisionGrace);
        _timer = this.RegisterGrainTimer(CheckAsync, new GrainTimerCreationOptions(options.Value.CheckInterval, options.Value.CheckInterval) { KeepAlive = true });
        return local.AddAsync(this);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return local.RemoveAsync(this);
    }

    public Task EnsureRunningAsync() => Task.CompletedTask;

    public Task<PoolSample[]> GetHistoryAsync() => Task.FromResult(_history.ToArray());

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        var finished = TakeFinishedProvisioning();
        var snapshot = await GrainFactory.GetGrain<IClusterRegistryGrain>(IClusterRegistryGrain.Key).GetSnapshotAsync();
        var active = snapshot.Vms.Where(v => v.State == VmState.Active).ToArray();
        var cores = active.Sum(v => v.Cores);
        var minimum = options.Value.MinimumActiveCores;
        var now = time.GetUtcNow();
        double requested = 0;
        string? note = null;

        if (minimum > 0 && cores < minimum && now - _activatedAt < options.Value.StartupGrace)
        {
            note = "below minimum during start-up grace";
        }
        else if (minimum > 0 && cores < minimum && provisioner is null)
        {
            note = "below minimum, but no IVmProvisioner is registered";
            LogNoProvisioner(cores, minimum);
        }
        else
        {
            var decision = _plan!.Decide(now, cores, minimum, provisioning: _provisioning is not null);
            if (decision == ProvisioningDecision.Request)
            {
                requested = _plan.Requested;
                LogProvisioning(cores, minimum, requested);

                // Off this grain's turn: a new silo registers with the cluster (and pings this grain) while it starts.
                var provisioner1 = provisioner!;
                _provisioning = Task.Run(() => provisioner1.ProvisionAsync(requested, CancellationToken.None), CancellationToken.None);
                note = "provisioning requested";
            }
            else if (decision == ProvisioningDecision.Waiting)
            {
                note = "waiting for requested VMs";
            }
        }

        if (finished is not null)
        {
            note = note is null ? finished : $"{finished}; {note}";
        }

        _history.Enqueue(new PoolSample(now, active.Length, cores, minimum, requested, note));
        while (_history.Count > options.Value.HistoryLength)
        {
            _history.Dequeue();
        }
    }

    /// <summary>What the last provisioning request reported, once it has finished.</summary>
    private string? TakeFinishedProvisioning()
    {
        if (_provisioning is not { IsCompleted: true } done)
        {
            return null;
        }

        _provisioning = null;
        if (done.IsCompletedSuccessfully)
        {
            return $"provisioned: {done.Result}";
        }

        var error = done.Exception?.GetBaseException();
        LogProvisioningFailed(error!);
        return $"provisioning failed: {error?.GetType().Name}: {error?.Message}";
    }

    public Task EvacuateAsync(string targetSilo) => this.MigrateToAsync(targetSilo);

    public void OnDehydrate(IDehydrationContext dehydrationContext) => dehydrationContext.TryAddValue("history", _history.ToArray());

    public void OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (rehydrationContext.TryGetValue<PoolSample[]>("history", out var history) && history is not null)
        {
            foreach (var sample in history)
            {
                _history.Enqueue(sample);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Active cores {Cores} below the minimum {Minimum}: provisioning {Requested} cores")]
    private partial void LogProvisioning(double cores, double minimum, double requested);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Active cores {Cores} below the minimum {Minimum}, and no IVmProvisioner is registered")]
    private partial void LogNoProvisioner(double cores, double minimum);

    [LoggerMessage(Level = LogLevel.Error, Message = "Provisioning VMs failed")]
    private partial void LogProvisioningFailed(Exception exception);
}
