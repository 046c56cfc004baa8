using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansTrading.Abstractions;

namespace OrleansTrading.Silo.Tests.Infrastructure;

/// <summary>
/// The silo with a planted engine bug: reading the quote of <see cref="BuggySymbol"/> throws an
/// <see cref="ArgumentException"/> from inside the grain call, as a programming error in the engine would. Errors
/// logged by the host are captured in <see cref="Errors"/>.
/// </summary>
public sealed class EngineBugSiloApiFactory : SiloApiFactory
{
    public const string BuggySymbol = "ARGBUG";

    public ConcurrentQueue<(string Category, string Message, Exception? Exception)> Errors { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IIncomingGrainCallFilter, BuggyQuoteFilter>();
            services.AddSingleton<ILoggerProvider>(new ErrorCapture(Errors));
        });
    }

    private sealed class BuggyQuoteFilter : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context) =>
            context.InterfaceMethod?.Name == nameof(IMarketDataGrain.GetQuoteAsync) && context.TargetId.Key.ToString() == BuggySymbol
                ? throw new ArgumentException("Planted engine bug.", "quote")
                : context.Invoke();
    }

    private sealed class ErrorCapture(ConcurrentQueue<(string, string, Exception?)> errors) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, errors);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string, string, Exception?)> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    errors.Enqueue((category, formatter(state, exception), exception));
                }
            }
        }
    }
}
