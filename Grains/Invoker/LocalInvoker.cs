using HarvestOrleans.Invocations;
using Microsoft.Extensions.DependencyInjection;

namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// This silo's invoker, for its invoker grain and for the callers in this process alike: each invocation is run by
/// <see cref="FunctionInvoker"/> and tracked in <see cref="RecentOutcomes"/> (where a caller that lost its answer asks).
/// The two are resolved at the first invocation, not at construction: the silo's client holds this, and the invoker's
/// functions call other functions through that client, so building both eagerly would be a cycle.
/// </summary>
internal sealed class LocalInvoker(IServiceProvider services, ILocalSiloDetails silo) : ILocalInvoker
{
    private readonly Lazy<(FunctionInvoker Invoker, RecentOutcomes Outcomes)> _parts = new(
        () => (services.GetRequiredService<FunctionInvoker>(), services.GetRequiredService<RecentOutcomes>()));

    public string SiloAddress { get; } = silo.SiloAddress.ToParsableString();

    public Task<InvocationRecord> InvokeAsync(InvocationRequest request)
    {
        var (invoker, outcomes) = _parts.Value;
        return outcomes.Track(request.InvocationId, invoker.InvokeAsync(request));
    }
}
