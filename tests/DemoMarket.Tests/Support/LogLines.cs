using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrleansTrading.DemoMarket.Tests.Support;

/// <summary>Keeps every line a host logs, to assert on and to show when a test fails.</summary>
public sealed class LogLines : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> All => _lines.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public string Dump(int last = 200) =>
        $"{Environment.NewLine}--- demo log (last {last} lines) ---{Environment.NewLine}{string.Join(Environment.NewLine, All.TakeLast(last))}";

    public void Dispose()
    {
    }

    private sealed class Logger(LogLines owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}");
            }
        }
    }
}
