namespace OrleansTrading.Abstractions;

/// <summary>
/// Fans the engine's coalesced changes out to subscribed observers. Subscriptions expire: a subscriber renews
/// before <see cref="SubscriptionLifetime"/> and subscribes again after a silo restart (the list is in memory).
/// </summary>
[Alias("trading.IActivityHubGrain")]
public interface IActivityHubGrain : IGrainWithIntegerKey
{
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);

    [Alias("SubscribeAsync")]
    Task SubscribeAsync(IActivityObserver observer);

    [Alias("UnsubscribeAsync")]
    Task UnsubscribeAsync(IActivityObserver observer);

    /// <summary>Called by each silo's flusher with what changed there; forwarded to every subscriber.</summary>
    [Alias("PublishAsync")]
    Task PublishAsync(ActivityBatch batch);
}
