namespace HarvestOrleans.Invocations;

/// <summary>The worker silo a call was routed to is gone; nothing ran there.</summary>
[GenerateSerializer, Alias("HarvestOrleans.WorkerUnavailableException")]
public sealed class WorkerUnavailableException : OrleansException
{
    public WorkerUnavailableException(string message) : base(message)
    {
    }
}
