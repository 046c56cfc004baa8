using Microsoft.Extensions.Options;
using OrleansTrading.Grains.Options;

namespace OrleansTrading.Silo.Api;

/// <summary>
/// At most <c>Trading:Api:MaxConcurrentSignals</c> HTTP signals are decided at once; the others wait here, before
/// reaching their account, on an async gate that holds no thread and no runnable work. Why: with group commit the silo
/// is CPU-bound under load, and every signal in flight puts its next step in the thread pool's queue, ahead of any
/// quote publication arriving later. Bounded, that queue stays short and a quote is seen within milliseconds. The wait
/// happens outside the account grain, so its stop pushes and reads are never held behind it.
/// </summary>
public sealed class SignalAdmission(IOptions<TradingOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _places = new(options.Value.Api.MaxConcurrentSignals);

    public async Task<T> RunAsync<T>(Func<Task<T>> decide, CancellationToken cancellationToken)
    {
        await _places.WaitAsync(cancellationToken);
        try
        {
            return await decide();
        }
        finally
        {
            _places.Release();
        }
    }

    public void Dispose() => _places.Dispose();
}
