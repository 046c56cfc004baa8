using Microsoft.Extensions.Logging;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Market;

/// <summary>
/// The latest quote of one symbol, pushed to the accounts that hold it. Kept in memory: a quote is worthless
/// after its max age (500 ms by default), so persisting every tick would cost a write per tick and restore
/// nothing usable after a restart.
/// </summary>
public sealed partial class MarketDataGrain(ILogger<MarketDataGrain> logger) : Grain, IMarketDataGrain, IQuoteSubscriptionGrain
{
    private readonly HashSet<string> _subscribers = new(StringComparer.Ordinal);
    private Quote? _latest;

    public Task PublishQuoteAsync(Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        var errors = QuoteValidator.Validate(quote);
        if (errors.Count > 0)
        {
            throw new ArgumentException(ValidationErrors.Describe(errors), nameof(quote));
        }

        var symbol = this.GetPrimaryKeyString();
        if (!string.Equals(GrainKeys.Symbol(quote.Symbol), symbol, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Quote for {quote.Symbol} sent to the market data of {symbol}.", nameof(quote));
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Quote {Symbol} {Bid}/{Ask} at {Timestamp}")]
    private partial void LogQuote(string symbol, decimal bid, decimal ask, DateTimeOffset timestamp);
}
