using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Http;

/// <summary>One trigger host shared by the tests that leave its VM as they found it.</summary>
public sealed class TriggerHostFixture : IAsyncLifetime
{
    public TriggerHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TriggerHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
