using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansTrading.LoadGen.Load;

/// <summary>How the quote stream fared: what was offered, what got through, how long each PUT took.</summary>
public sealed record QuoteStats(double OfferedPerSecond, double PublishedPerSecond, LatencySummary Latency, long Errors, string? FirstError);

/// <summary>
/// A market data feed through the API: every symbol re-published every interval (PUT /api/quotes/{symbol}, stamped with
/// the feed's clock), each symbol on its own loop. A PUT that takes longer than the interval delays that symbol's next
/// one (ticks are not queued), so a slow quote path shows as fewer publications per second and a high PUT latency.
/// Prices are bid = ask (zero spread): a round trip then closes at PnL 0, a win, so no cooldown or spread filter
/// interferes with the load. A symbol's price can be changed (a crossing quote) and published at once.
/// </summary>
public sealed class QuotePublisher : IAsyncDisposable
{
    private readonly TradingApiClient _api;
    private readonly TimeSpan _interval;
    private readonly ConcurrentDictionary<string, decimal> _prices = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(long At, long Duration)> _latencies = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private long _stopped;
    private long _errors;
    private string? _firstError;

    public QuotePublisher(TradingApiClient api, IEnumerable<string> symbols, decimal price, TimeSpan interval)
    {
        _api = api;
        _interval = interval;
        foreach (var symbol in symbols)
        {
            _prices[symbol] = price;
            _gates[symbol] = new SemaphoreSlim(1, 1);
        }
    }

    public IReadOnlyList<string> Symbols => [.. _prices.Keys];

    public long Published => _latencies.Count;

    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Publishes every symbol once and waits for all, then streams in the background.</summary>
    public async Task StartAsync()
    {
        await Task.WhenAll(_prices.Keys.Select(s => PublishNowAsync(s, _prices[s])));
        foreach (var symbol in _prices.Keys)
        {
            _loops.Add(Task.Run(() => StreamAsync(symbol)));
        }
    }

    /// <summary>Sets the symbol's price and publishes it at once; returns the feed time stamped on that quote.</summary>
    public async Task<DateTimeOffset> PublishNowAsync(string symbol, decimal price)
    {
        var gate = _gates[symbol];
        await gate.WaitAsync();
        try
        {
            _prices[symbol] = price;
            return await PublishAsync(symbol, price);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Quote statistics over [from, to) in Stopwatch ticks (by publication start).</summary>
    public QuoteStats Summarize(long from, long to)
    {
        var seconds = (to - from) / (double)Stopwatch.Frequency;
        var window = _latencies.Where(l => l.At >= from && l.At < to).ToArray();
        return new QuoteStats(
            _prices.Count / _interval.TotalSeconds,
            seconds > 0 ? window.Length / seconds : 0,
            LatencySummary.FromTicks(window.Select(l => l.Duration)),
            Errors,
            _firstError);
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }
    }

    private async Task StreamAsync(string symbol)
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var gate = _gates[symbol];
                await gate.WaitAsync(_stop.Token);
                try
                {
                    await PublishAsync(symbol, _prices[symbol]);
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task<DateTimeOffset> PublishAsync(string symbol, decimal price)
    {
        var start = Stopwatch.GetTimestamp();
        var stamp = DateTimeOffset.UtcNow;
        var error = await _api.PublishQuoteAsync(symbol, price, price, stamp);
        _latencies.Enqueue((start, Stopwatch.GetTimestamp() - start));
        if (error is not null)
        {
            Interlocked.Increment(ref _errors);
            Interlocked.CompareExchange(ref _firstError, $"{symbol}: {error}", null);
        }

        return stamp;
    }
}
