using HarvestOrleans.Invocations;

namespace HarvestOrleans.Entities;

/// <summary>What every caller of an entity checks before its one grain call: the name, the id and the payload's size.</summary>
public static class EntityInvocation
{
    /// <summary>The record of why the invocation cannot be made, or null when it can.</summary>
    public static InvocationRecord? Refusal(Guid invocationId, string entity, string id, int payloadLength, int maxPayloadBytes)
    {
        if (!IsValidName(entity))
        {
            return InvocationRecord.Fail(invocationId, entity, null, InvocationStatus.NotFound, InvocationErrorTypes.FunctionNotFound,
                $"'{entity}' is not a valid function name, so no such entity is registered.");
        }

        if (!EntityKey.IsValidId(id))
        {
            return InvocationRecord.Fail(invocationId, entity, null, InvocationStatus.Rejected, InvocationErrorTypes.InvalidRequest,
                $"An entity id is 1-{EntityKey.MaxIdLength} characters, none of them a control character.");
        }

        return PayloadLimit.Fits(payloadLength, maxPayloadBytes)
            ? null
            : InvocationRecord.Fail(invocationId, entity, null, InvocationStatus.Rejected, InvocationErrorTypes.PayloadTooLarge, PayloadLimit.Refusal(payloadLength, maxPayloadBytes));
    }

    /// <summary>
    /// The Rejected record of an entity call that failed with <paramref name="exception"/> because the entity could be
    /// placed nowhere (<see cref="EntityUnplaceableException"/>, as thrown or as a call's inner exception), or null
    /// when the failure is another.
    /// </summary>
    public static InvocationRecord? Refused(Exception exception, Guid invocationId, string entity) =>
        Unplaceable(exception) is { } refused
            ? InvocationRecord.Fail(invocationId, entity, null, InvocationStatus.Rejected, refused.Error.Type, refused.Error.Message)
            : null;

    /// <summary>The refusal <paramref name="exception"/> is or wraps, if any: asking again at once would be refused again.</summary>
    public static EntityUnplaceableException? Unplaceable(Exception exception) =>
        exception as EntityUnplaceableException ?? exception.InnerException as EntityUnplaceableException;

    /// <summary>
    /// <paramref name="record"/>, unless it says the entity's VM took no new work (<c>Rejected</c>/<c>VmDraining</c>:
    /// nothing ran, and the entity moves off it): then <see cref="EntityMovingException"/>, for the caller's pipeline to ask again.
    /// </summary>
    public static InvocationRecord AskAgainIfMoving(InvocationRecord record) =>
        record is { Status: InvocationStatus.Rejected, Error.Type: InvocationErrorTypes.VmDraining } ? throw new EntityMovingException(record) : record;

    private static bool IsValidName(string entity) => Functions.FunctionSpec.IsValidName(entity);
}
