namespace OrleansTrading.Abstractions;

/// <summary>A client that wants the engine's changes pushed to it (the dashboard), subscribed at <see cref="IActivityHubGrain"/>.</summary>
[Alias("trading.IActivityObserver")]
public interface IActivityObserver : IGrainObserver
{
    [OneWay, Alias("OnActivityAsync")]
    Task OnActivityAsync(ActivityBatch batch);
}
