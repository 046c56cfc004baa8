namespace OrleansTrading.Grains.Market;

/// <summary>
/// Engine-internal side of the market-data grain (same grain, key = symbol): accounts holding the symbol
/// subscribe to have each new quote pushed to them. Subscriptions live in memory; accounts renew them on
/// activation and on every reconciliation tick, so a restarted market-data grain is repopulated within one interval.
/// </summary>
[Alias("trading.IQuoteSubscriptionGrain")]
public interface IQuoteSubscriptionGrain : IGrainWithStringKey
{
    [Alias("SubscribeAsync")]
    Task SubscribeAsync(string accountId);

    [Alias("UnsubscribeAsync")]
    Task UnsubscribeAsync(string accountId);
}
