using HarvestOrleans.Cluster;

namespace HarvestOrleans.Grains.Cluster;

/// <summary>What an eviction notice changed in a VM's stored state.</summary>
internal enum NoticeChange
{
    /// <summary>A repeated (or later) notice: the notice in force stands.</summary>
    None,

    /// <summary>The VM was Active and starts draining.</summary>
    Started,

    /// <summary>The VM was draining already and the notice brings its deadline forward.</summary>
    Shortened,

    /// <summary>Draining stored by a version without notice ids: the notice in force got one.</summary>
    IdAssigned,
}

/// <summary>
/// A VM's durable state (its HarvestVmGrain's grain storage) and the rules for changing it: registration, an eviction
/// notice, the eviction itself. The grain writes it after each change.
/// </summary>
[GenerateSerializer, Alias("HarvestOrleans.HarvestVmGrainState")]
public sealed class HarvestVmGrainState
{
    [Id(0)] public VmRegistration? Registration { get; set; }

    [Id(1)] public double Cores { get; set; }

    [Id(2)] public VmState State { get; set; }

    [Id(3)] public DateTimeOffset? EvictionDeadline { get; set; }

    [Id(4)] public string? EvictionReason { get; set; }

    /// <summary>
    /// The id of the notice in force (its drain event): a retried notice repeats it, so handlers that saw it already
    /// change nothing; a notice that shortens the deadline gets a new one.
    /// </summary>
    [Id(5)] public Guid NoticeId { get; set; }

    /// <summary>A silo announced the VM: it is Active with the registered cores, and any earlier eviction is forgotten.</summary>
    internal void Register(VmRegistration registration)
    {
        Registration = registration;
        Cores = registration.Cores;
        State = VmState.Active;
        EvictionDeadline = null;
        EvictionReason = null;
        NoticeId = Guid.Empty;
    }

    /// <summary>
    /// Applies an eviction notice (<see cref="DateTimeOffset.MaxValue"/>: an operator's drain without deadline). A notice
    /// always leads to eviction by its deadline: an Active VM starts draining; a draining VM (an operator's drain
    /// without deadline, or an earlier notice) keeps the earlier deadline, so a later, sooner notice shortens it.
    /// </summary>
    internal NoticeChange ApplyNotice(DateTimeOffset deadline, string reason)
    {
        var current = EvictionDeadline ?? DateTimeOffset.MaxValue;
        var starts = State == VmState.Active;
        if (starts || deadline < current)
        {
            State = VmState.Draining;
            EvictionDeadline = deadline == DateTimeOffset.MaxValue ? null : deadline;
            EvictionReason = starts || EvictionReason is null ? reason : $"{EvictionReason}; then {reason}";
            NoticeId = Guid.NewGuid();
            return starts ? NoticeChange.Started : NoticeChange.Shortened;
        }

        if (NoticeId == Guid.Empty)
        {
            // Draining stored by a version without notice ids: give the notice in force one, once.
            NoticeId = Guid.NewGuid();
            return NoticeChange.IdAssigned;
        }

        return NoticeChange.None;
    }

    /// <summary>The VM is gone. After a notice, keep why the VM was reclaimed and add how it ended.</summary>
    internal void MarkEvicted(string reason)
    {
        EvictionReason = EvictionReason is { } notice ? $"{notice}; {reason}" : reason;
        State = VmState.Evicted;
    }
}
