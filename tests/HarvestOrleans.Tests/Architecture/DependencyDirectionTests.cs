using System.Reflection;
using System.Text.RegularExpressions;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Architecture;

/// <summary>The assembly graph points one way (ARCHITECTURE.md), and the Grains assembly's folders have no cycles.</summary>
[Trait("Category", "Cluster")]
public sealed partial class DependencyDirectionTests
{
    [Theory]
    [InlineData("HarvestOrleans.Grains", "HarvestOrleans.Client")]
    [InlineData("HarvestOrleans.Grains", "HarvestOrleans.Hosting")]
    [InlineData("HarvestOrleans.Client", "HarvestOrleans.Grains")]
    [InlineData("HarvestOrleans.Client", "HarvestOrleans.Packaging")]
    [InlineData("HarvestOrleans.Abstractions", "HarvestOrleans.Grains")]
    [InlineData("HarvestOrleans.Hosting", "HarvestOrleans.Http")]
    [InlineData("HarvestOrleans.Hosting", "HarvestOrleans.Samples")]
    [InlineData("HarvestOrleans.Experiments", "HarvestOrleans.Silo")]
    public void An_assembly_does_not_reference_what_depends_on_it(string assembly, string forbidden)
    {
        var references = Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name);
        Assert.DoesNotContain(forbidden, references);
    }

    [Theory]
    [InlineData("HarvestOrleans.Policies")]
    [InlineData("HarvestOrleans.Functions")]
    public void The_pure_libraries_reference_no_orleans_and_no_other_harvest_assembly(string assembly)
    {
        var references = Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, r => r.StartsWith("Orleans", StringComparison.Ordinal) || r.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("HarvestOrleans", StringComparison.Ordinal));
    }

    /// <summary>The simulator runs the silos' decisions without the silos: the policies, and nothing of Orleans.</summary>
    [Fact]
    public void The_simulator_references_no_orleans_and_of_ours_only_the_policies()
    {
        var references = Assembly.Load("HarvestOrleans.Simulation").GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, r => r.StartsWith("Orleans", StringComparison.Ordinal) || r.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
        Assert.Equal(["HarvestOrleans.Policies"], references.Where(r => r.StartsWith("HarvestOrleans", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_benchmarks_reference_libraries_not_the_silo_program()
    {
        var project = File.ReadAllText(Path.Combine(RepoPaths.Root, "bench", "HarvestOrleans.Bench", "HarvestOrleans.Bench.csproj"));
        Assert.DoesNotContain("HarvestOrleans.Silo.csproj", project);
    }

    /// <summary>
    /// Each top-level folder of Grains is one part of the runtime; a type of one folder naming a type declared in
    /// another is a dependency between them, and the folders must form no cycle (a cycle means the split is wrong).
    /// </summary>
    [Fact]
    public void The_folders_of_the_grains_assembly_depend_on_each_other_without_cycles()
    {
        var root = Path.Combine(RepoPaths.Root, "Grains");
        var sources = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetDirectoryName(f) != root)
            .Select(f => (Folder: Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar)[0], Text: File.ReadAllText(f)))
            .ToList();
        var declaredIn = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (folder, text) in sources)
        {
            foreach (Match m in TopLevelType().Matches(text))
            {
                declaredIn.TryAdd(m.Groups[1].Value, folder);
            }
        }

        var edges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (folder, text) in sources)
        {
            var code = StringLiteral().Replace(LineComment().Replace(text, ""), "\"\"");
            foreach (Match word in Identifier().Matches(code))
            {
                if (declaredIn.TryGetValue(word.Value, out var target) && target != folder)
                {
                    (edges.TryGetValue(folder, out var set) ? set : edges[folder] = []).Add(target);
                }
            }
        }

        foreach (var start in edges.Keys)
        {
            var path = FindCycle(start, start, edges, [start]);
            Assert.True(path is null, $"Grains folders form a cycle: {string.Join(" -> ", path ?? [])}");
        }
    }

    private static List<string>? FindCycle(string start, string at, Dictionary<string, HashSet<string>> edges, List<string> path)
    {
        foreach (var next in edges.GetValueOrDefault(at) ?? [])
        {
            if (next == start)
            {
                return [.. path, next];
            }

            if (!path.Contains(next) && FindCycle(start, next, edges, [.. path, next]) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?:public |internal |file )?(?:sealed |static |abstract |readonly |partial )*(?:class|record|struct|interface|enum)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    [GeneratedRegex(@"//.*")]
    private static partial Regex LineComment();

    [GeneratedRegex("\"[^\"\\n]*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\b[A-Z]\w+\b")]
    private static partial Regex Identifier();
}
