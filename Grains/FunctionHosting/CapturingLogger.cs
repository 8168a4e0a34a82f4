using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Grains.FunctionHosting;

/// <summary>The logger a function sees: keeps its lines (bounded) for the invocation record and forwards them to the silo log.</summary>
internal sealed class CapturingLogger(ILogger inner, int maxLines) : ILogger
{
    private readonly Lock _gate = new();
    private List<string>? _lines; // most invocations log nothing: allocate on first line
    private int _dropped;

    public string[] Lines
    {
        get
        {
            lock (_gate)
            {
                if (_lines is null)
                {
                    return [];
                }

                return _dropped == 0 ? [.. _lines] : [.. _lines, $"... {_dropped} more line(s) dropped"];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        inner.Log(logLevel, eventId, state, exception, formatter);
        var line = $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {logLevel}: {formatter(state, exception)}" + (exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})");
        lock (_gate)
        {
            _lines ??= [];
            if (_lines.Count < maxLines)
            {
                _lines.Add(line);
            }
            else
            {
                _dropped++;
            }
        }
    }
}
