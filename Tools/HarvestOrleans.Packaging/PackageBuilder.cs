using System.Diagnostics;
using System.IO.Compression;
using HarvestOrleans.Packages;

namespace HarvestOrleans.Packaging;

/// <summary>
/// Builds function packages: a zip with <c>harvest.json</c> at its root and the functions' assemblies with their
/// dependencies. Assemblies the silos provide (the function contract and what it references) are left out.
/// </summary>
public static class PackageBuilder
{
    /// <summary>
    /// A package from <paramref name="path"/>: a ready zip; a project folder (a .csproj and a harvest.json), which is
    /// published with <c>dotnet publish</c> first; or a folder holding harvest.json and the assemblies.
    /// </summary>
    public static async Task<byte[]> BuildAsync(string path, CancellationToken cancellationToken = default)
    {
        if (File.Exists(path))
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' is neither a package zip nor a folder.", path);
        }

        var manifest = Path.Combine(path, PackageManifest.FileName);
        if (!File.Exists(manifest))
        {
            throw new FileNotFoundException($"'{path}' has no {PackageManifest.FileName}: it lists the package's functions.", manifest);
        }

        if (Directory.GetFiles(path, "*.csproj").FirstOrDefault() is not { } project)
        {
            return Zip(path, manifest);
        }

        var output = Directory.CreateTempSubdirectory("harvest-publish-").FullName;
        try
        {
            await PublishAsync(project, output, cancellationToken).ConfigureAwait(false);
            return Zip(output, manifest);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>Zips <paramref name="folder"/>'s files (less the silo-provided assemblies) with <paramref name="manifestPath"/> as harvest.json.</summary>
    public static byte[] Zip(string folder, string manifestPath, Func<string, bool>? include = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, PackageManifest.FileName, manifestPath);
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
                if (relative == PackageManifest.FileName || IsProvidedBySilos(relative) || include?.Invoke(relative) == false)
                {
                    continue;
                }

                Add(zip, relative, file);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Entries carry a fixed time, not the files': the same inputs make the same zip, so the same digest.</summary>
    private static void Add(ZipArchive zip, string name, string file)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var target = entry.Open();
        using var source = File.OpenRead(file);
        source.CopyTo(target);
    }

    private static bool IsProvidedBySilos(string relative) =>
        !relative.Contains('/') && relative.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
        && ContractAssemblies.Names.Contains(Path.GetFileNameWithoutExtension(relative));

    /// <summary>Runs <c>dotnet publish</c> of <paramref name="project"/> (Release) into <paramref name="output"/>.</summary>
    public static async Task PublishAsync(string project, string output, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            // No build servers left running after a deploy (they would compete with the silos for CPU).
            ArgumentList = { "publish", project, "-c", "Release", "-o", output, "--nologo", "-v", "quiet", "--disable-build-servers" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start 'dotnet publish'.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'dotnet publish {project}' failed ({process.ExitCode}):\n{await stdout}{await stderr}");
        }
    }
}
