namespace HarvestOrleans.Simulation.Model;

/// <summary>Where an invocation's current attempt is.</summary>
internal enum AttemptState
{
    Routing,
    Queued,
    Abandoned,
    Loading,
    Running,
    Replying,
    Done,
}
