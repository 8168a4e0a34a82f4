using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>Packages that must be refused on deploy, each with the words its refusal must contain.</summary>
public static class RefusedPackages
{
    /// <summary>Kinds the inspector refuses on its own (no cluster, no store needed), with their causes.</summary>
    public static TheoryData<string, string> InspectorRefusals => new()
    {
        { "duplicate-entry", $"'{TestPackages.Assembly}' appears more than once" },
        { "duplicate-manifest", "'harvest.json' appears more than once" },
        { "nul-in-entry-name", "U+0000" },
        { "absolute-entry-path", "is an absolute path" },
        { "timeout-overflow", "timeoutSeconds must be in (0, 900]" },
        { "negative-timeout-overflow", "timeoutSeconds must be in (0, 900]" },
        { "entry-count-claimed", "claims 60000 entries, over the limit of 4096" },
        { "nul-in-assembly", "control character" },
        { "null-functions", "lists no functions" },
        { "null-function", "lists a function that is null" },
    };

    /// <summary>A package of kind <paramref name="kind"/> (one of <see cref="InspectorRefusals"/>) named <paramref name="package"/>.</summary>
    public static async Task<byte[]> BuildAsync(string kind, string package)
    {
        switch (kind)
        {
            case "duplicate-entry":
                return AddEntry(await TestPackages.BuildAsync(package), TestPackages.Assembly, "not the assembly"u8.ToArray());
            case "duplicate-manifest":
                return AddEntry(await TestPackages.BuildAsync(package), "harvest.json", """{ "package": "other", "functions": [] }"""u8.ToArray());
            case "nul-in-entry-name":
                return AddEntry(await TestPackages.BuildAsync(package), "lib/evil\0.txt", "x"u8.ToArray());
            case "absolute-entry-path":
                return AddEntry(await TestPackages.BuildAsync(package), $"/tmp/harvest-absolute-{Guid.NewGuid():N}.txt", "x"u8.ToArray());
            case "timeout-overflow":
                return await TestPackages.BuildAsync(package, f => f.TimeoutSeconds = 1e300);
            case "negative-timeout-overflow":
                return await TestPackages.BuildAsync(package, f => f.TimeoutSeconds = -1e300);
            case "entry-count-claimed":
                return ClaimEntryCount(await TestPackages.BuildAsync(package), 60_000);
            case "nul-in-assembly":
                return await TestPackages.BuildAsync(package, f => f.Assembly = TestPackages.Assembly + "\0.txt");
            case "null-functions":
                return Zip(("harvest.json", Encoding.UTF8.GetBytes($$"""{ "package": "{{package}}", "functions": null }""")));
            case "null-function":
                return Zip(("harvest.json", Encoding.UTF8.GetBytes($$"""{ "package": "{{package}}", "functions": [null] }""")));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] AddEntry(byte[] archive, string name, byte[] content)
    {
        using var buffer = new MemoryStream();
        buffer.Write(archive);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
            stream.Write(content);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The archive with its end-of-central-directory record claiming <paramref name="entries"/> entries: a reader that
    /// believes it reads that many central-directory records (and here finds the directory short of them).
    /// </summary>
    private static byte[] ClaimEntryCount(byte[] archive, ushort entries)
    {
        var copy = archive.ToArray();
        var eocd = copy.AsSpan().LastIndexOf("PK\u0005\u0006"u8);
        Assert.True(eocd >= 0, "the archive has an end-of-central-directory record");
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(eocd + 8), entries);
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(eocd + 10), entries);
        return copy;
    }
}
