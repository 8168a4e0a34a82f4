using HarvestOrleans.Hosting.State;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace HarvestOrleans.UnitTests.State;

/// <summary>What a silo of one cluster builds for in-memory state (its lease, grain storage and reminder table), without the silo.</summary>
internal sealed class TestSilo : IDisposable
{
    private readonly ServiceProvider _services;

    private TestSilo(ProcessMemoryStores stores, string clusterId, string serviceId)
    {
        _services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(CounterState).Assembly)).BuildServiceProvider();
        Lease = new ProcessMemoryLease(stores, MsOptions.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = serviceId }));
        Copier = _services.GetRequiredService<DeepCopier>();
        Reminders = new ProcessMemoryReminderTable(Lease, Copier);
    }

    internal ProcessMemoryLease Lease { get; }

    internal ProcessMemoryReminderTable Reminders { get; }

    public DeepCopier Copier { get; }

    /// <summary>A silo that has started (its lease is taken).</summary>
    internal static async Task<TestSilo> StartAsync(ProcessMemoryStores stores, string clusterId, string serviceId = "service")
    {
        var silo = new TestSilo(stores, clusterId, serviceId);
        await silo.Lease.Acquire();
        return silo;
    }

    internal ProcessMemoryGrainStorage Storage(string name = "harvest") =>
        new(name, Lease, _services.GetRequiredService<Serializer>(), _services.GetRequiredService<IActivatorProvider>());

    public void Dispose()
    {
        Lease.Dispose();
        _services.Dispose();
    }
}
