using HarvestOrleans.GrainInterfaces;
using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Cluster;

[GenerateSerializer, Alias("HarvestOrleans.HarvestVmGrainState")]
public sealed class HarvestVmGrainState
{
    [Id(0)] public VmRegistration? Registration { get; set; }

    [Id(1)] public double Cores { get; set; }

    [Id(2)] public VmState State { get; set; }
}

/// <summary>
/// The authority on one VM. Size and state are durable (grain storage), so they outlive the VM's silo; load is
/// transient and refreshed by the VM's invoker every report interval. Every change is pushed to the cluster registry.
/// </summary>
internal sealed partial class HarvestVmGrain(
    [PersistentState("vm", HarvestStorage.ProviderName)] IPersistentState<HarvestVmGrainState> state,
    ILogger<HarvestVmGrain> logger) : Grain, IHarvestVmGrain
{
    private VmLoad _load = VmLoad.Idle;

    private string VmId => this.GetPrimaryKeyString();

    public async Task RegisterAsync(VmRegistration registration)
    {
        if (registration.VmId != VmId)
        {
            throw new ArgumentException($"Registration for VM '{registration.VmId}' sent to VM grain '{VmId}'.", nameof(registration));
        }

        state.State.Registration = registration;
        state.State.Cores = registration.Cores;
        state.State.State = VmState.Active;
        _load = VmLoad.Idle;
        await state.WriteStateAsync();
        LogRegistered(VmId, registration.SiloAddress, registration.Cores, registration.Role);
        await PublishAsync();
    }

    public async Task<VmSnapshot> ResizeAsync(double cores)
    {
        if (!(cores >= 0) || cores > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(cores), cores, $"VM '{VmId}': cores must be in [0, 1024].");
        }

        var registration = RequireRegistration();
        var previous = state.State.Cores;
        state.State.Cores = cores;
        await state.WriteStateAsync();
        LogResized(VmId, previous, cores);
        await Invoker(registration).ApplyVmStateAsync(cores, state.State.State);
        return await PublishAsync();
    }

    public async Task<VmSnapshot> DrainAsync()
    {
        var registration = RequireRegistration();
        if (state.State.State == VmState.Active)
        {
            state.State.State = VmState.Draining;
            await state.WriteStateAsync();
            LogDraining(VmId);
        }

        await Invoker(registration).ApplyVmStateAsync(state.State.Cores, state.State.State);
        return await PublishAsync();
    }

    public async Task ReportLoadAsync(VmLoad load)
    {
        if (state.State.Registration is null)
        {
            return; // a report that overtook registration; the next one will do
        }

        _load = load;
        await PublishAsync();
    }

    public Task<VmSnapshot?> GetSnapshotAsync() => Task.FromResult(Snapshot());

    private VmSnapshot? Snapshot() => state.State.Registration is not { } r
        ? null
        : new VmSnapshot
        {
            VmId = VmId,
            SiloAddress = r.SiloAddress,
            Role = r.Role,
            State = state.State.State,
            Cores = state.State.Cores,
            MemoryMb = r.MemoryMb,
            PricePerCoreHour = r.PricePerCoreHour,
            Load = _load,
            UpdatedAt = DateTimeOffset.UtcNow,
        };

    private async Task<VmSnapshot> PublishAsync()
    {
        var snapshot = Snapshot()!;
        await GrainFactory.GetGrain<IClusterRegistryGrain>(IClusterRegistryGrain.Key).UpsertAsync(snapshot);
        return snapshot;
    }

    private VmRegistration RequireRegistration() =>
        state.State.Registration ?? throw new InvalidOperationException($"VM '{VmId}' is not registered: no silo has announced it.");

    private IInvokerGrain Invoker(VmRegistration registration) => GrainFactory.GetGrain<IInvokerGrain>(registration.SiloAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "VM {VmId} registered by silo {Silo}: {Cores} cores, role {Role}")]
    private partial void LogRegistered(string vmId, string silo, double cores, VmRole role);

    [LoggerMessage(Level = LogLevel.Information, Message = "VM {VmId} resized from {From} to {To} cores")]
    private partial void LogResized(string vmId, double from, double to);

    [LoggerMessage(Level = LogLevel.Information, Message = "VM {VmId} is draining: no new work")]
    private partial void LogDraining(string vmId);
}
