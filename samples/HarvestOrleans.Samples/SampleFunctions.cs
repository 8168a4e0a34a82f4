using HarvestOrleans.Functions;
using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Samples;

/// <summary>The sample functions the quick-start silo registers.</summary>
public static class SampleFunctions
{
    public static IReadOnlyList<(FunctionSpec Spec, Func<IHarvestFunction> Create)> All { get; } =
    [
        (EchoFunction.Spec, () => new EchoFunction()),
        (SleepFunction.Spec, () => new SleepFunction()),
        (PrimeCountFunction.Spec, () => new PrimeCountFunction()),
        (RunningTotalEntity.Spec, () => new RunningTotalEntity()),
        (FanOutFunction.Spec, () => new FanOutFunction()),
        (ScoreFunction.Spec, () => new ScoreFunction()),
    ];
}

internal static partial class SampleLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Counted {Primes} primes below {Limit}")]
    public static partial void LogPrimeCount(this ILogger logger, int limit, int primes);
}
