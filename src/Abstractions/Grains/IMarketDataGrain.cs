namespace OrleansTrading.Abstractions;

/// <summary>Latest quote for one symbol (key = upper-case symbol).</summary>
[Alias("trading.IMarketDataGrain")]
public interface IMarketDataGrain : IGrainWithStringKey
{
    [Alias("PublishQuoteAsync")]
    Task PublishQuoteAsync(Quote quote);

    [ReadOnly, Alias("GetQuoteAsync")]
    Task<Quote?> GetQuoteAsync();
}
