using System.Globalization;
using System.Text;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>How the experiments' reports write numbers: invariant culture, "-" (table) or -1 (JSON) when undefined.</summary>
public static class Figures
{
    /// <summary>For a table cell.</summary>
    public static string F(double value, int digits) => double.IsFinite(value) ? value.ToString("F" + digits, CultureInfo.InvariantCulture) : "-";

    /// <summary>For a CSV field.</summary>
    public static string Csv(double value) => double.IsFinite(value) ? value.ToString("0.######", CultureInfo.InvariantCulture) : "";

    /// <summary>For a JSON number.</summary>
    public static double Round(double value, int digits = 2) => double.IsFinite(value) ? Math.Round(value, digits) : -1;

    /// <summary>Writes <paramref name="rows"/> under <paramref name="header"/> to <paramref name="path"/>; returns the path.</summary>
    public static string WriteCsv(string path, string header, IEnumerable<IEnumerable<string>> rows)
    {
        var csv = new StringBuilder(header).Append('\n');
        foreach (var row in rows)
        {
            csv.AppendJoin(',', row).Append('\n');
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    /// <summary>A holding goal in green, a missed one in red (Spectre markup).</summary>
    public static string Verdict(bool holds) => holds ? "[green]holds[/]" : "[red]missed[/]";
}
