namespace HarvestOrleans.Experiments.Traces;

/// <summary>A loaded day of a 2019 trace.</summary>
/// <param name="Functions">Every row of the invocations file, in file order.</param>
/// <param name="Minutes">Minute columns of the invocations file (1440 in the dataset).</param>
/// <param name="WithoutDuration">Functions with no durations row (they carry the trace's median average).</param>
/// <param name="WithoutMemory">Functions whose app has no memory row, or all of them without a memory file.</param>
public sealed record Azure2019Day(IReadOnlyList<Azure2019Function> Functions, int Minutes, int WithoutDuration, int WithoutMemory);
