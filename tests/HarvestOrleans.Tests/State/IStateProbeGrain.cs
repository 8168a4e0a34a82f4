using Orleans;

namespace HarvestOrleans.Tests.State;

/// <summary>A grain whose durable state and reminder a test can write and then look for after silos went away.</summary>
public interface IStateProbeGrain : IGrainWithStringKey
{
    /// <summary>Stores <paramref name="value"/> in the grain's durable state.</summary>
    Task WriteAsync(string value);

    /// <summary>The grain's durable state, read again from storage (an activation that migrated carries a copy in memory).</summary>
    Task<StateProbe> ReadStoredAsync();

    /// <summary>Registers the reminder whose every tick is recorded in the state.</summary>
    Task StartReminderAsync(TimeSpan period);

    /// <summary>Whether the reminder table has the grain's reminder.</summary>
    Task<bool> HasReminderAsync();
}
