using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Activity;

/// <summary>The one place dashboards subscribe; subscriptions live in memory and expire unless renewed.</summary>
public sealed class ActivityHubGrain(ILogger<ActivityHubGrain> logger) : Grain, IActivityHubGrain
{
    private readonly ObserverManager<IActivityObserver> _observers = new(IActivityHubGrain.SubscriptionLifetime, logger);

    public Task SubscribeAsync(IActivityObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IActivityObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task PublishAsync(ActivityBatch batch)
    {
        // A failing observer is dropped by the manager; publishing never fails the silo's flusher.
        _observers.Notify(o => o.OnActivityAsync(batch));
        return Task.CompletedTask;
    }
}
