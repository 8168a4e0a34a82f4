using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using HarvestOrleans.FunctionBench;
using HarvestOrleans.Functions;
using HarvestOrleans.Packages;
using HarvestOrleans.Grains.Packages;
using HarvestOrleans.Samples;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Packages;

/// <summary>
/// The function SDK has no Orleans dependency, so a package is not tied to the silos' Orleans version and the contract
/// a silo shares with a package's load context is just the SDK (and what it references).
/// </summary>
[Trait("Category", "Cluster")]
public sealed class FunctionSdkTests
{
    private const string SdkAssembly = "HarvestOrleans.Functions";

    [Fact]
    public void The_function_sdk_is_its_own_assembly_and_references_no_Orleans_assembly()
    {
        var sdk = typeof(IHarvestFunction).Assembly;
        Assert.Equal(SdkAssembly, sdk.GetName().Name);
        foreach (var type in new[] { typeof(HarvestFunction<,>), typeof(FunctionContext), typeof(FunctionPayload), typeof(FunctionSpec), typeof(FunctionInputException), typeof(FunctionJson) })
        {
            Assert.Same(sdk, type.Assembly);
        }

        Assert.DoesNotContain(sdk.GetReferencedAssemblies(), a => TiesToOrleans(a.Name!));
    }

    [Fact]
    public void The_contract_shared_with_packages_is_the_sdk_and_holds_no_Orleans_assembly()
    {
        Assert.Contains(SdkAssembly, ContractAssemblies.Names);
        Assert.DoesNotContain("HarvestOrleans.Abstractions", ContractAssemblies.Names);
        Assert.DoesNotContain(ContractAssemblies.Names, TiesToOrleans);
    }

    [Fact]
    public async Task A_built_package_references_no_Orleans_assembly()
    {
        var archive = await TestPackages.BuildAsync("sdkrefs");
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        var assemblies = zip.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToArray();

        Assert.Contains(assemblies, e => e.FullName == TestPackages.Assembly);
        Assert.DoesNotContain(assemblies, e => TiesToOrleans(Path.GetFileNameWithoutExtension(e.FullName)));
        Assert.DoesNotContain(assemblies, e => e.FullName == SdkAssembly + ".dll"); // the silos provide it
        foreach (var entry in assemblies)
        {
            var references = ReferencesOf(entry);
            Assert.DoesNotContain(references, TiesToOrleans);
            if (entry.FullName == TestPackages.Assembly)
            {
                Assert.Contains(SdkAssembly, references);
            }
        }
    }

    [Fact]
    public void The_sample_functions_reference_no_Orleans_assembly()
    {
        Assert.DoesNotContain(typeof(SampleFunctions).Assembly.GetReferencedAssemblies(), a => TiesToOrleans(a.Name!));
        Assert.DoesNotContain(typeof(FunctionBenchSuite).Assembly.GetReferencedAssemblies(), a => TiesToOrleans(a.Name!));
    }

    private static bool TiesToOrleans(string assembly) =>
        assembly.StartsWith("Orleans", StringComparison.OrdinalIgnoreCase) || assembly.StartsWith("Microsoft.Orleans", StringComparison.OrdinalIgnoreCase)
        || assembly.Equals("HarvestOrleans.Abstractions", StringComparison.OrdinalIgnoreCase);

    private static string[] ReferencesOf(ZipArchiveEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(buffer);
        }

        buffer.Position = 0;
        using var pe = new PEReader(buffer);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToArray();
    }
}
