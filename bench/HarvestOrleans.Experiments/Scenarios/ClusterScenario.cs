using System.Globalization;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;

namespace HarvestOrleans.Experiments.Scenarios;

/// <summary>One VM of a scenario: its cores (fixed) or a harvest trace it replays.</summary>
public sealed record VmSetup(string VmId, double Cores, VmRole Role, string? TracePath = null);

/// <summary>
/// A cluster to compare policies on: the paper's dedicated (constant cores, Regular VMs), normal (constant, different
/// per VM) and active (replayed core changes) clusters, from folders of <c>&lt;seconds&gt; &lt;cores&gt;</c> files.
/// Cores are multiplied by a scale (these machines have 2 cores; the paper's VMs 5–32), at least 1.
/// </summary>
public sealed record ClusterScenario(string Name, IReadOnlyList<VmSetup> Vms, double TraceTimeScale = 1)
{
    public const string Dedicated = "dedicated";
    public const string Normal = "normal";
    public const string Active = "active";

    public static IReadOnlyList<string> All { get; } = [Dedicated, Normal, Active];

    /// <param name="tracesRoot">A folder with dedicated/, normal/ and active/ trace folders.</param>
    /// <param name="workDirectory">Where the active scenario writes its scaled copies of the traces.</param>
    public static ClusterScenario Create(string name, string tracesRoot, int vms, double coreScale, double traceTimeScale, string workDirectory)
    {
        var folder = Path.GetFullPath(Path.Combine(tracesRoot, name));
        var files = Directory.Exists(folder)
            ? Directory.GetFiles(folder).Order(StringComparer.Ordinal).Take(vms).ToArray()
            : throw new DirectoryNotFoundException($"No '{name}' harvest traces in {Path.GetFullPath(tracesRoot)} (looked for a folder {name}/ with one trace file per VM).");
        if (files.Length < vms)
        {
            throw new FileNotFoundException($"'{name}' has {files.Length} harvest trace files in {folder}; {vms} VMs need one each.");
        }

        var setups = files.Select((file, i) =>
        {
            var trace = Grains.Harvest.HarvestTrace.Load(file);
            var vmId = $"vm-{i}";
            return name switch
            {
                Dedicated => new VmSetup(vmId, Scale(trace.Steps[0].Cores, coreScale), VmRole.Regular),
                Normal => new VmSetup(vmId, Scale(trace.Steps[0].Cores, coreScale), VmRole.Harvest),
                Active => new VmSetup(vmId, Scale(trace.Steps[0].Cores, coreScale), VmRole.Harvest, WriteScaled(trace, coreScale, Path.Combine(workDirectory, $"{name}-{i}.txt"))),
                _ => throw new ArgumentException($"Unknown scenario '{name}': use {string.Join(", ", All)}."),
            };
        }).ToArray();
        return new ClusterScenario(name, setups, traceTimeScale);
    }

    private static double Scale(double cores, double scale) => Math.Max(1, Math.Round(cores * scale));

    private static string WriteScaled(Grains.Harvest.HarvestTrace trace, double scale, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, trace.Steps.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.AtSeconds} {Scale(p.Cores, scale)}")));
        return path;
    }
}
