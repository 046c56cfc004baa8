using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Market;

/// <summary>
/// The latest quote of one symbol, pushed to the accounts that hold it. Kept in memory: a quote is worthless
/// after its max age (500 ms by default), so persisting every tick would cost a write per tick and restore
/// nothing usable after a restart. A quote is refused (<see cref="InvalidInputException"/>) unless it is well formed and
/// passes <see cref="QuoteEdgeChecks"/>; one observed before the latest is ignored, so a late delivery never rolls
/// the price back.
/// </summary>
public sealed partial class MarketDataGrain(
    IOptions<TradingOptions> options,
    [FromKeyedServices(TradingClock.Key)] TimeProvider clock,
    ILogger<MarketDataGrain> logger) : Grain, IMarketDataGrain, IQuoteSubscriptionGrain
{
    private readonly HashSet<string> _subscribers = new(StringComparer.Ordinal);
    private Quote? _latest;

    public Task PublishQuoteAsync(Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        var errors = QuoteValidator.Validate(quote);
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        var symbol = this.GetPrimaryKeyString();
        if (!string.Equals(GrainKeys.Symbol(quote.Symbol), symbol, StringComparison.Ordinal))
        {
            throw new InvalidInputException("symbol", $"Quote for {quote.Symbol} sent to the market data of {LogText.Escape(symbol)}.");
        }

        errors = QuoteEdgeChecks.Validate(quote, _latest, clock.GetUtcNow(), options.Value.Quotes);
        if (errors.Count > 0)
        {
            LogQuoteRefused(symbol, ValidationErrors.Describe(errors));
            throw new InvalidInputException(errors);
        }

        if (QuoteEdgeChecks.IsOutOfOrder(quote, _latest))
        {
            LogOutOfOrder(symbol, quote.Timestamp, _latest!.Timestamp);
            return Task.CompletedTask;
        }

        _latest = quote with { Symbol = symbol };
        LogQuote(symbol, quote.Bid, quote.Ask, quote.Timestamp);
        foreach (var accountId in _subscribers)
        {
            // One-way: returns at once, so a slow account never delays the publisher.
            _ = GrainFactory.GetGrain<IAccountFeedGrain>(accountId).OnQuoteAsync(_latest);
        }

        return Task.CompletedTask;
    }

    public Task<Quote?> GetQuoteAsync() => Task.FromResult(_latest);

    public Task SubscribeAsync(string accountId)
    {
        _subscribers.Add(accountId);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(string accountId)
    {
        _subscribers.Remove(accountId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quote for {Symbol} refused: {Problems}")]
    private partial void LogQuoteRefused(string symbol, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Quote for {Symbol} at {Timestamp} arrived after the one at {Latest}: kept the newer one")]
    private partial void LogOutOfOrder(string symbol, DateTimeOffset timestamp, DateTimeOffset latest);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Quote {Symbol} {Bid}/{Ask} at {Timestamp}")]
    private partial void LogQuote(string symbol, decimal bid, decimal ask, DateTimeOffset timestamp);
}
