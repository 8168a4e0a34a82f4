namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>
/// How much shorter than asked a sleeping function's measured execution may read. Task.Delay runs on the runtime's timer
/// queue, which counts in <see cref="Environment.TickCount64"/> (on Linux a coarse clock of up to one 10 ms jiffy): here a
/// Stopwatch around <c>Task.Delay(150)</c> read 148.05 ms once in 100, and CI saw a 20 ms sleep measured as 19.03 ms.
/// </summary>
public static class TimerSlack
{
    public const double Ms = 10;

    /// <summary>The least execution a sleep of <paramref name="sleepMs"/> can be measured at.</summary>
    public static double AtLeast(double sleepMs) => Math.Max(0, sleepMs - Ms);
}
