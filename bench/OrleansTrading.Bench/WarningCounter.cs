using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrleansTrading.Bench;

/// <summary>
/// The silo's only logger: counts warnings and errors (e.g. Orleans' long-running-turn or slow-call warnings, a
/// failed persist) and echoes the first few of each kind to stderr, so stdout keeps only the results table.
/// </summary>
public sealed class WarningCounter : ILoggerProvider
{
    private const int EchoPerKind = 3;
    private readonly ConcurrentDictionary<string, int> _byKind = new(StringComparer.Ordinal);
    private int _total;

    public int Total => Volatile.Read(ref _total);

    /// <summary>Count per "category/event" for the scenario's summary line.</summary>
    public IReadOnlyDictionary<string, int> ByKind => _byKind;

    public ILogger CreateLogger(string categoryName) => new Counter(this, categoryName);

    public void Dispose()
    {
    }

    private void Record(string category, LogLevel level, EventId eventId, string message, Exception? exception)
    {
        Interlocked.Increment(ref _total);
        var kind = $"{category}/{(eventId.Name ?? eventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
        var seen = _byKind.AddOrUpdate(kind, 1, (_, n) => n + 1);
        if (seen <= EchoPerKind)
        {
            Console.Error.WriteLine($"  [{level}] {category}: {message}{(exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")}");
        }
    }

    private sealed class Counter(WarningCounter owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Record(category, logLevel, eventId, formatter(state, exception), exception);
            }
        }
    }
}
