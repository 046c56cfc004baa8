using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using OrleansTrading.Grains.Accounts;

namespace OrleansTrading.Grains.Tests.Support;

/// <summary>
/// Loses the next pushed quote(s) to chosen accounts on their way in, as a failed one-way message would: the push never
/// runs; counts the ones that got through. Lets a test prove that the stop index's sweep, not the push, protected the position.
/// </summary>
public sealed class QuotePushDropper : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, int> _toDrop = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, int> _delivered = new(StringComparer.Ordinal);

    private int _dropped;

    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Quote pushes that reached <paramref name="accountId"/> (not dropped).</summary>
    public int Delivered(string accountId) => _delivered.GetValueOrDefault(accountId);

    public void DropNext(string accountId, int pushes = 1) => _toDrop[accountId] = pushes;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.Name == nameof(IAccountFeedGrain.OnQuoteAsync)
            && context.TargetId.Key.ToString() is { } accountId
            && _toDrop.TryGetValue(accountId, out var left) && left > 0
            && _toDrop.TryUpdate(accountId, left - 1, left))
        {
            Interlocked.Increment(ref _dropped);
            return Task.CompletedTask;
        }

        if (context.InterfaceMethod.Name == nameof(IAccountFeedGrain.OnQuoteAsync))
        {
            _delivered.AddOrUpdate(context.TargetId.Key.ToString()!, 1, (_, n) => n + 1);
        }

        return context.Invoke();
    }

    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<QuotePushDropper>();
        services.AddSingleton<IIncomingGrainCallFilter>(sp => sp.GetRequiredService<QuotePushDropper>());
    }
}
