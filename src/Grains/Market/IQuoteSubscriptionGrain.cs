namespace OrleansTrading.Grains.Market;

/// <summary>
/// Engine-internal side of the market-data grain (same grain, key = symbol): the symbol's stop index. Accounts holding
/// the symbol register a <see cref="QuoteWatch"/> and are pushed the quotes that matter to them. Watches live in
/// memory, in the activation that receives the quotes: accounts register when they activate and whenever their
/// positions or stops change, and the reminders of accounts with exposure re-activate them after a restart.
/// </summary>
[Alias("trading.IQuoteSubscriptionGrain")]
public interface IQuoteSubscriptionGrain : IGrainWithStringKey
{
    [Alias("WatchAsync")]
    Task WatchAsync(QuoteWatch watch);

    [Alias("UnwatchAsync")]
    Task UnwatchAsync(string accountId);
}
