using HarvestOrleans.Cluster;
using HarvestOrleans.Packages;

namespace HarvestOrleans.GrainInterfaces;

/// <summary>
/// One per silo, keyed by the silo's address and pinned to it: receives the eviction events addressed to its silo
/// (implicit subscription to its stream) and acts on them there.
/// </summary>
[Alias("HarvestOrleans.ISiloAgentGrain")]
public interface ISiloAgentGrain : IGrainWithStringKey
{
    [Alias("Ping")]
    Task PingAsync();

    /// <summary>
    /// Delivers an eviction event straight to this silo (the VM grain does so for its own VM's notice): streams are
    /// in memory, and an event queued on a silo that dies a moment later would be lost. Handled once by event id.
    /// </summary>
    [Alias("HandleEviction")]
    Task HandleEvictionAsync(EvictionEvent evt);

    /// <summary>
    /// This silo's VM has a notice and still takes work: warm its hottest functions on the VMs that take over their
    /// share, waiting at most the handover's bound before <paramref name="deadline"/>; then the VM drains.
    /// </summary>
    [AlwaysInterleave, Alias("HandOver"), ResponseTimeout("00:00:30")]
    Task<HandoverSummary> HandOverAsync(DateTimeOffset deadline);

    /// <summary>Gives this silo the package catalog, unless it already has a newer generation.</summary>
    [Alias("ApplyPackages")]
    Task ApplyPackagesAsync(PackageCatalog catalog);
}

/// <summary>A grain that can move off a draining silo, carrying its in-memory state.</summary>
[Alias("HarvestOrleans.IEvacuatingGrain")]
public interface IEvacuatingGrain : IAddressable
{
    /// <summary>Migrates this activation to <paramref name="targetSilo"/> (Orleans parsable silo address) once idle.</summary>
    [Alias("Evacuate")]
    Task EvacuateAsync(string targetSilo);
}
