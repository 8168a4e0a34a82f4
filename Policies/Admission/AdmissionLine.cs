namespace HarvestOrleans.Policies;

/// <summary>
/// The order in which a VM admits waiting invocations, in the silos' admission queue and in the simulator: first come,
/// first served, and a ticket whose cores do not fit blocks the ones behind it (smaller tickets do not overtake, so a
/// large one cannot starve). A ticket whose function is at its per-VM concurrency limit steps aside into its function's
/// own line, which is served first on the next pump, so one saturated function does not block the others. Owned by one
/// thread (the admission queue's loop, or the simulator).
/// </summary>
public sealed class AdmissionLine<T>
{
    private readonly Queue<T> _waiting = new();
    private readonly Dictionary<string, Queue<T>> _deferred = new(StringComparer.Ordinal);

    /// <summary>Tickets in the line, stepped aside or not.</summary>
    public int Count { get; private set; }

    public void Enqueue(T ticket)
    {
        _waiting.Enqueue(ticket);
        Count++;
    }

    /// <summary>Admits what fits, in order, through <paramref name="taker"/>.</summary>
    public void Pump<TTaker>(TTaker taker)
        where TTaker : IAdmissionTaker<T>
    {
        // Stepped-aside tickets are older than anything in the main line: give them the first chance.
        foreach (var deferred in _deferred.Values)
        {
            while (deferred.Count > 0 && (taker.IsAbandoned(deferred.Peek()) || taker.TryTake(deferred.Peek())))
            {
                Remove(taker, deferred.Dequeue());
            }
        }

        while (_waiting.Count > 0)
        {
            var head = _waiting.Peek();
            if (taker.IsAbandoned(head) || taker.TryTake(head))
            {
                Remove(taker, _waiting.Dequeue());
                continue;
            }

            if (taker.AtLimit(head))
            {
                _waiting.Dequeue();
                var function = taker.FunctionOf(head);
                if (!_deferred.TryGetValue(function, out var queue))
                {
                    _deferred[function] = queue = new Queue<T>();
                }

                queue.Enqueue(head);
                continue;
            }

            break; // its cores do not fit: first come, first served
        }
    }

    /// <summary>Empties the line, oldest first, handing every ticket to <paramref name="turnAway"/>.</summary>
    public void Clear<TTaker>(TTaker taker, Action<T> turnAway)
        where TTaker : IAdmissionTaker<T>
    {
        foreach (var ticket in _waiting.Concat(_deferred.Values.SelectMany(q => q)).ToArray())
        {
            turnAway(ticket);
            Count--;
            taker.Dequeued(ticket);
        }

        _waiting.Clear();
        foreach (var queue in _deferred.Values)
        {
            queue.Clear();
        }
    }

    private void Remove<TTaker>(TTaker taker, T ticket)
        where TTaker : IAdmissionTaker<T>
    {
        Count--;
        taker.Dequeued(ticket);
    }
}
