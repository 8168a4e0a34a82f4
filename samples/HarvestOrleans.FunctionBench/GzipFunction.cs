using System.IO.Compression;
using System.Text;
using HarvestOrleans.Functions;

namespace HarvestOrleans.FunctionBench;

/// <summary>gzip_compression: compresses generated text (words from a small vocabulary) and checks the round trip.</summary>
public sealed class GzipFunction : HarvestFunction<GzipFunction.Request, GzipFunction.Response>
{
    private static readonly string[] Words = ["harvest", "core", "silo", "grain", "evict", "cold", "warm", "function", "queue", "latency", "spot", "vm"];

    public sealed record Request(int Kilobytes = 4_096, int Seed = 1);

    public sealed record Response(int InputBytes, int CompressedBytes, double Ratio);

    protected override Task<Response> RunAsync(Request? input, FunctionContext context, CancellationToken cancellationToken)
    {
        var kilobytes = Inputs.InRange(input?.Kilobytes ?? 4_096, 1, 512 * 1024, "kilobytes");
        var random = Inputs.Seeded(input?.Seed ?? 1);
        var text = new StringBuilder(kilobytes * 1024);
        while (text.Length < kilobytes * 1024)
        {
            text.Append(Words[random.Next(Words.Length)]).Append(random.Next(100)).Append(' ');
        }

        var data = Encoding.UTF8.GetBytes(text.ToString());
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var compressedBytes = (int)compressed.Length;
        compressed.Position = 0;
        using var restored = new MemoryStream();
        using (var gunzip = new GZipStream(compressed, CompressionMode.Decompress))
        {
            gunzip.CopyTo(restored);
        }

        if (restored.Length != data.Length)
        {
            throw new InvalidDataException("gzip round trip changed the data length.");
        }

        return Task.FromResult(new Response(data.Length, compressedBytes, (double)data.Length / compressedBytes));
    }
}
