using HarvestOrleans.Grains.Infrastructure;
using Orleans;
using Orleans.Runtime;

namespace HarvestOrleans.Tests.State;

/// <summary>Keeps its state in HarvestOrleans' grain storage; each tick of its reminder appends the ticking silo to it.</summary>
public sealed class StateProbeGrain(
    [PersistentState("probe", HarvestStorage.ProviderName)] IPersistentState<StateProbe> state,
    ILocalSiloDetails silo) : Grain, IStateProbeGrain, IRemindable
{
    private const string TickReminder = "tick";

    public Task WriteAsync(string value)
    {
        state.State.Value = value;
        return state.WriteStateAsync();
    }

    public async Task<StateProbe> ReadStoredAsync()
    {
        await state.ReadStateAsync();
        return state.State;
    }

    public Task StartReminderAsync(TimeSpan period) => this.RegisterOrUpdateReminder(TickReminder, period, period);

    public async Task<bool> HasReminderAsync() => await this.GetReminder(TickReminder) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.TickSilos.Add(silo.SiloAddress.ToParsableString());
        return state.WriteStateAsync();
    }
}
