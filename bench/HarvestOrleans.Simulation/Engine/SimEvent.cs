namespace HarvestOrleans.Simulation.Engine;

/// <summary>
/// One scheduled event: its kind, what it concerns and a generation that lets a superseded event (a timeout whose
/// invocation already ended, an expiry of an instance used since) recognise itself and do nothing.
/// </summary>
internal readonly record struct SimEvent(EventKind Kind, object? Target, int Arg, long Generation);
