using System.Diagnostics;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.Functions;
using HarvestOrleans.Invocations;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Invoker;

/// <summary>An invocation that passed admission: its function, its resources, the ticket holding them, and how long it waited.</summary>
internal sealed record AdmittedInvocation(FunctionRegistration Registration, ResourceGrant Grant, AdmissionTicket Ticket, double QueueWaitMs);

/// <summary>
/// Decides whether a request may run here, and waits for its cores: the VM must be Active, the payload within limits,
/// the function in the catalog, and a place free in the queue; then the ticket waits for cores up to the longest
/// queue wait. The ticket holds what the resource manager allocated (the function's configuration under <c>Fixed</c>),
/// decided on arrival from the VM's cores and usage of that moment. Whatever is turned away gets its Rejected (or
/// NotFound) record.
/// </summary>
internal sealed class InvocationAdmitter(
    string vmId,
    double vmMemoryMb,
    Func<VmState> state,
    IFunctionCatalog catalog,
    AdmissionQueue admission,
    ResourceManager resources,
    InvokerOptions options,
    TimeProvider time)
{
    /// <summary>The admitted invocation, or the record of why it was turned away.</summary>
    public async Task<(AdmittedInvocation? Admitted, InvocationRecord? Refusal)> AdmitAsync(InvocationRequest request, long received)
    {
        var vmState = state();
        if (vmState != VmState.Active)
        {
            return Refuse(InvocationRecordBuilder.Rejected(request, vmId, InvocationErrorTypes.VmDraining, $"VM '{vmId}' is {vmState} and takes no new invocations."));
        }

        if (!PayloadLimit.Fits(request.Payload.Length, options.MaxPayloadBytes))
        {
            return Refuse(InvocationRecordBuilder.Rejected(request, vmId, InvocationErrorTypes.PayloadTooLarge,
                PayloadLimit.Refusal(request.Payload.Length, options.MaxPayloadBytes)));
        }

        FunctionRegistration? registration;
        try
        {
            registration = await catalog.FindAsync(request.Function, request.Version).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The package catalog could not be read (its registry is moving or unreachable): the caller may retry elsewhere.
            return Refuse(InvocationRecordBuilder.Rejected(request, vmId, InvocationErrorTypes.RoutingUnavailable, $"The function catalog could not be read on VM '{vmId}': {ex.Message}"));
        }

        if (registration is null)
        {
            return Refuse(InvocationRecordBuilder.NotFound(request, vmId));
        }

        var spec = registration.Spec;
        if (spec.Entity != request.EntityId is not null)
        {
            // An entity's state comes with its invocation, through its entity grain; a plain function has none to take.
            return Refuse(InvocationRecordBuilder.Rejected(request, vmId, InvocationErrorTypes.InvalidRequest, spec.Entity
                ? $"'{spec.Name}' is an entity: invoke it with an entity id (POST /api/entities/{spec.Name}/{{id}}/invoke, HarvestClient.InvokeEntityAsync)."
                : $"'{spec.Name}' is a function, not an entity: invoke it without an entity id."));
        }

        var grant = resources.Decide(registration.Key, new ResourceAllocation(spec.Cores, spec.MemoryMb), VmNow());
        var ticket = new AdmissionTicket(registration.Key, grant.Cores, grant.MemoryMb, spec.MaxConcurrency);
        if (!admission.TryEnqueue(ticket))
        {
            return Refuse(InvocationRecordBuilder.Rejected(request, vmId, InvocationErrorTypes.QueueFull,
                $"The invocation queue of VM '{vmId}' is full ({options.QueueCapacity} waiting)."));
        }

        // The ticket decides between admission and the queue-wait timeout: once admitted it runs (and is released when
        // it ends), however late its timer fires.
        bool admitted;
        try
        {
            admitted = await admission.WaitAsync(ticket, options.MaxQueueWait, time).ConfigureAwait(false);
        }
        catch (AdmissionCancelledException ex)
        {
            return Refuse(InvocationRecordBuilder.Rejected(request, vmId, InvocationErrorTypes.VmDraining, ex.Message));
        }

        if (!admitted)
        {
            return Refuse(InvocationRecordBuilder.Rejected(request, vmId, InvocationErrorTypes.QueueWaitExceeded,
                $"Waited {options.MaxQueueWait.TotalSeconds:0.#} s for {ticket.Cores} core(s) on VM '{vmId}' ({admission.Cores} cores, {admission.CoresInUse} in use)."));
        }

        return (new AdmittedInvocation(registration, grant, ticket, Stopwatch.GetElapsedTime(received).TotalMilliseconds), null);
    }

    /// <summary>The VM as the resource policy sees it now: its current cores, what no running invocation holds.</summary>
    private VmResources VmNow() => VmResources.Of(admission.Cores, admission.CoresInUse, vmMemoryMb, admission.MemoryInUseMb, admission.Running);

    private static (AdmittedInvocation?, InvocationRecord?) Refuse(InvocationRecord refusal) => (null, refusal);
}
