namespace HarvestOrleans.Policies;

/// <summary>
/// A function's worker-set bookkeeping, owned by whoever plans for the function (the FunctionGrain).
/// Members are implicit: the first <see cref="Size"/> ring positions walked from the home VM.
/// </summary>
public sealed class WorkerSetState
{
    public int Size { get; set; } = 1;

    public string? HomeVmId { get; set; }

    /// <summary>When the set last shrank (ms); starts far in the past so the first shrink is immediate, as in the original.</summary>
    public long LastShrinkMs { get; set; } = long.MinValue / 2;

    /// <summary>Bumped on every accepted size or home change; lets clients notice a replan.</summary>
    public long Version { get; set; }

    /// <summary>A copy, for a plan that is looked at but not taken (what the set would become).</summary>
    public WorkerSetState Copy() => new() { Size = Size, HomeVmId = HomeVmId, LastShrinkMs = LastShrinkMs, Version = Version };
}
