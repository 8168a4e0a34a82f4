using HarvestOrleans.Functions;

namespace HarvestOrleans.Testing.Sample;

/// <summary>The app's function under test: "renders" a thumbnail (waits the given milliseconds). Safe to retry.</summary>
public sealed class ThumbnailFunction : HarvestFunction<ThumbnailFunction.Request, ThumbnailFunction.Response>
{
    public static FunctionSpec Spec { get; } = new() { Name = "thumbnail", Cores = 1, Timeout = TimeSpan.FromSeconds(10), Idempotent = true };

    public sealed record Request(string Image, int Milliseconds);

    public sealed record Response(string Thumbnail, string VmId);

    protected override async Task<Response> RunAsync(Request input, FunctionContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(input.Milliseconds, cancellationToken);
        return new Response($"thumb-of-{input.Image}", context.VmId);
    }
}
