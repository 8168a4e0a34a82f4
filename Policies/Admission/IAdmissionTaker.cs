namespace HarvestOrleans.Policies;

/// <summary>What an <see cref="AdmissionLine{T}"/> asks of the VM it admits to: the cores, the gate and the per-function slots.</summary>
public interface IAdmissionTaker<in T>
{
    /// <summary>
    /// Admits <paramref name="ticket"/> if its cores and a concurrency slot of its function are free and admission is
    /// open. True when the ticket is done with (admitted, or found abandoned); false when it must keep waiting.
    /// </summary>
    bool TryTake(T ticket);

    /// <summary>The ticket's caller stopped waiting (it timed out): the line drops it without admitting it.</summary>
    bool IsAbandoned(T ticket);

    /// <summary>The ticket's function runs at its per-VM concurrency limit.</summary>
    bool AtLimit(T ticket);

    /// <summary>The ticket's function (tickets of one function keep their order among themselves).</summary>
    string FunctionOf(T ticket);

    /// <summary>The line let go of <paramref name="ticket"/> (admitted, abandoned or turned away).</summary>
    void Dequeued(T ticket);
}
