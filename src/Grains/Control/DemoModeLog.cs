using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansTrading.Grains.Options;

namespace OrleansTrading.Grains.Control;

/// <summary>
/// Says once at start-up that a demo market feeds this engine, and loudly when its trading window is ignored for it:
/// an engine that trades at any hour must never do so unnoticed.
/// </summary>
public sealed partial class DemoModeLog(IOptions<TradingOptions> options, ILogger<DemoModeLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value.Demo;
        var window = options.Value.TradingWindow;
        if (demo.IgnoresTradingWindow)
        {
            LogWindowIgnored($"{window.Start:HH\\:mm}-{window.End:HH\\:mm} {window.TimeZone}");
        }
        else if (demo.Enabled)
        {
            LogDemo();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo market: a demo market feeds this engine (Trading:Demo:Enabled)")]
    private partial void LogDemo();

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Demo market: the trading window ({Window}) is ignored for the demo (Trading:Demo:IgnoreTradingWindow): entries are taken at any hour")]
    private partial void LogWindowIgnored(string window);
}
