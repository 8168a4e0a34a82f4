using System.Runtime.Loader;
using HarvestOrleans.Functions;
using HarvestOrleans.TestPackage.Dependency;

namespace HarvestOrleans.TestPackage;

/// <summary>Says which version ran and in which load context, after waiting <see cref="VersionInput.WaitMs"/>.</summary>
public sealed class VersionFunction : HarvestFunction<VersionInput, VersionOutput>
{
    protected override async Task<VersionOutput> RunAsync(VersionInput input, FunctionContext context, CancellationToken cancellationToken)
    {
        if (input?.WaitMs > 0)
        {
            await Task.Delay(input.WaitMs, cancellationToken);
        }

        return new VersionOutput(VersionFormatter.Describe(context.Spec.Version), AssemblyLoadContext.GetLoadContext(GetType().Assembly)?.Name ?? "");
    }
}

public sealed record VersionInput(int WaitMs);

public sealed record VersionOutput(string Version, string LoadContext);

/// <summary>Not a function: a manifest naming it must be refused.</summary>
public sealed class NotAFunction;

/// <summary>The same answer without JSON: bytes in, bytes out.</summary>
public sealed class RawVersionFunction : IHarvestFunction
{
    public Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(FunctionPayload.FromString(VersionFormatter.Describe(context.Spec.Version)));
}

/// <summary>An entity in a package: counts its invocations per id, and says which version counted.</summary>
public sealed class TallyEntity : HarvestEntity<TallyEntity.Tally, VersionInput, TallyEntity.Tally>
{
    protected override Task<Tally> RunAsync(VersionInput input, EntityContext<Tally> entity, FunctionContext context, CancellationToken cancellationToken)
    {
        entity.State.Count++;
        entity.State.LastVersion = context.Spec.Version;
        return Task.FromResult(entity.State);
    }

    public sealed class Tally
    {
        public int Count { get; set; }

        public string LastVersion { get; set; } = "";
    }
}
