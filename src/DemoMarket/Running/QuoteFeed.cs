using Microsoft.Extensions.Logging;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;
using OrleansTrading.DemoMarket.Market;

namespace OrleansTrading.DemoMarket.Running;

/// <summary>
/// Streams the simulator's quotes to the engine through the market-data grains, as any price feed would, and keeps
/// the ones the engine took on the board the strategies read.
/// </summary>
public sealed class QuoteFeed(MarketSimulator simulator, MarketBoard board, IGrainFactory grains, EngineReachability reachability, ILogger logger)
{
    public async Task RunAsync(TimeSpan interval, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            await PublishOnceAsync(cancellationToken);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    /// <summary>One market step: logs the events it began and publishes its quotes, all symbols at once.</summary>
    public async Task PublishOnceAsync(CancellationToken cancellationToken)
    {
        var tick = simulator.Tick();
        foreach (var marketEvent in tick.Events)
        {
            logger.Event(marketEvent);
        }

        await Task.WhenAll(tick.Quotes.Select(quote => PublishAsync(quote, cancellationToken)));
    }

    private async Task PublishAsync(Quote quote, CancellationToken cancellationToken)
    {
        try
        {
            await grains.MarketData(quote.Symbol).PublishQuoteAsync(quote).WaitAsync(cancellationToken);
            board.Record(quote);
            reachability.Answered();
        }
        catch (InvalidInputException refused)
        {
            reachability.Answered();
            logger.QuoteRefused(quote.Symbol, refused.Message);
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            reachability.Failed(failure);
        }
    }
}
