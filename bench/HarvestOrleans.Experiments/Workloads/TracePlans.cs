using HarvestOrleans.Experiments.Traces;

namespace HarvestOrleans.Experiments.Workloads;

/// <summary>Turns Azure traces into open-loop schedules, compressed in time by a factor (60: a traced minute in one second).</summary>
public static class TracePlans
{
    /// <summary>Minutes [<paramref name="startMinute"/>, +<paramref name="minutes"/>) of a 2019 trace; each minute's count spread evenly over it.</summary>
    public static IReadOnlyList<PlannedInvocation> From2019(IReadOnlyList<Azure2019Function> functions, int startMinute, int minutes, double compression)
    {
        var plan = new List<PlannedInvocation>();
        foreach (var function in functions)
        {
            for (var m = startMinute; m < Math.Min(startMinute + minutes, function.PerMinute.Length); m++)
            {
                var count = function.PerMinute[m];
                for (var i = 0; i < count; i++)
                {
                    var at = ((m - startMinute) * 60.0) + ((i + 0.5) * 60.0 / count);
                    plan.Add(new PlannedInvocation(at / compression, function.Id, function.AverageMs));
                }
            }
        }

        return [.. plan.OrderBy(p => p.AtSeconds)];
    }

    /// <summary>Invocations of a 2021 trace starting in [<paramref name="startSeconds"/>, +<paramref name="seconds"/>).</summary>
    public static IReadOnlyList<PlannedInvocation> From2021(IReadOnlyList<Azure2021Invocation> invocations, double startSeconds, double seconds, double compression) =>
        [.. invocations
            .Where(i => i.StartSeconds >= startSeconds && i.StartSeconds < startSeconds + seconds)
            .Select(i => new PlannedInvocation((i.StartSeconds - startSeconds) / compression, i.Id, i.DurationSeconds * 1000))
            .OrderBy(p => p.AtSeconds)];
}
