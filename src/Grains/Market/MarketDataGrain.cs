using Microsoft.Extensions.Logging;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Market;

/// <summary>
/// The latest quote of one symbol, kept in memory: a quote is worthless after its max age (500 ms by default),
/// so persisting every tick would cost a write per tick and restore nothing usable after a restart.
/// </summary>
public sealed partial class MarketDataGrain(ILogger<MarketDataGrain> logger) : Grain, IMarketDataGrain
{
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
        return Task.CompletedTask;
    }

    public Task<Quote?> GetQuoteAsync() => Task.FromResult(_latest);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Quote {Symbol} {Bid}/{Ask} at {Timestamp}")]
    private partial void LogQuote(string symbol, decimal bid, decimal ask, DateTimeOffset timestamp);
}
