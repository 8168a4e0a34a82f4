using Microsoft.AspNetCore.Http;

namespace HarvestOrleans.Http;

/// <summary>The trigger's own page: each VM's cores and load over time and each function's worker set.</summary>
internal static class ClusterPage
{
    private static readonly Lazy<byte[]> Html = new(() =>
    {
        using var stream = typeof(ClusterPage).Assembly.GetManifestResourceStream("HarvestOrleans.Http.cluster.html")
            ?? throw new InvalidOperationException("The cluster page is missing from the silo assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Serve() => Results.Bytes(Html.Value, "text/html; charset=utf-8");
}
