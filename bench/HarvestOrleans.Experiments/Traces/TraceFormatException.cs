namespace HarvestOrleans.Experiments.Traces;

/// <summary>A trace file line that cannot be read, with its file and line number: traces are never read past an error.</summary>
public sealed class TraceFormatException(string path, int line, string message)
    : Exception($"{System.IO.Path.GetFileName(path)}:{line}: {message}")
{
    public string Path { get; } = path;

    public int Line { get; } = line;
}
