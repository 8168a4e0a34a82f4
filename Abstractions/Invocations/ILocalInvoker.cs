namespace HarvestOrleans.Invocations;

/// <summary>
/// The invoker of the silo this process hosts, reached without a grain call. A client running in a silo (its HTTP
/// trigger, its functions' direct calls, its async invocations) whose invocation is placed on that silo's own VM calls
/// it directly and skips Orleans messaging; it answers exactly as that silo's <see cref="GrainInterfaces.IInvokerGrain"/>
/// does (the same admission, record and recent outcomes). External clients have none.
/// </summary>
public interface ILocalInvoker
{
    /// <summary>The silo's address in parsable form: the key of its invoker grain.</summary>
    string SiloAddress { get; }

    /// <summary>Runs <paramref name="request"/> here, as <see cref="GrainInterfaces.IInvokerGrain.InvokeAsync"/> would.</summary>
    Task<InvocationRecord> InvokeAsync(InvocationRequest request);
}
