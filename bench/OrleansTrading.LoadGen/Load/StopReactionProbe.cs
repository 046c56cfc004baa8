using System.Collections.Concurrent;
using System.Globalization;

namespace OrleansTrading.LoadGen.Load;

/// <summary>
/// Stop-loss reaction times, from the crossing quote's publication (the feed's timestamp, taken just before the PUT)
/// to: the stop order written by the account (<see cref="ToStopOrder"/>), the venue's acknowledgement of that
/// reduce-only order (<see cref="ToVenue"/>, its first status after pending), and the position closed
/// (<see cref="ToFlat"/>, the stopLoss trade). All read afterwards from the journal through the API, so polling does
/// not distort them.
/// </summary>
public sealed record StopReaction(int Rounds, int Samples, LatencySummary ToStopOrder, LatencySummary ToVenue, LatencySummary ToFlat,
    int NotFlat, int EntriesRefused, string? Problem);

/// <summary>
/// A few probe accounts beside the load, all on their own symbol. Each round: a fresh quote at 100, every probe opens a
/// position (stop at 98), then a crossing quote at 97 is published and streamed on; the round ends when every probe is
/// flat (or after 10 s), and the next one starts at 100 again.
/// </summary>
public static class StopReactionProbe
{
    public const decimal Normal = 100m;
    public const decimal Crossing = 97m;
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(10);

    public static async Task<StopReaction> RunAsync(TradingApiClient api, QuotePublisher quotes, IReadOnlyList<string> probes, string symbol, CancellationToken until)
    {
        var toStop = new ConcurrentBag<double>();
        var toVenue = new ConcurrentBag<double>();
        var toFlat = new ConcurrentBag<double>();
        var (rounds, notFlat, refused) = (0, 0, 0);
        string? problem = null;
        try
        {
            while (!until.IsCancellationRequested)
            {
                rounds++;
                await quotes.PublishNowAsync(symbol, Normal);
                await Task.Delay(150, CancellationToken.None);
                var entries = await Task.WhenAll(probes.Select(async probe =>
                    (probe, outcome: await api.SendAsync(new LoadSignal(probe, string.Create(CultureInfo.InvariantCulture, $"{probe}-r{rounds}"), symbol, Open: true)))));
                var holding = entries.Where(e => e.outcome.Kind == OutcomeKind.Accepted && e.outcome.FilledQuantity > 0).Select(e => e.probe).ToList();
                refused += probes.Count - holding.Count;
                await Task.Delay(300, CancellationToken.None);

                var crossedAt = await quotes.PublishNowAsync(symbol, Crossing);
                var pending = new HashSet<string>(holding, StringComparer.Ordinal);
                var deadline = DateTimeOffset.UtcNow + RoundTimeout;
                while (pending.Count > 0 && DateTimeOffset.UtcNow < deadline)
                {
                    await Task.Delay(500, CancellationToken.None);
                    var flat = await Task.WhenAll(pending.Select(async probe => (probe, trade: (await api.TradesAsync(probe, 3))
                        .FirstOrDefault(t => t.Reason == "stopLoss" && t.ClosedAt >= crossedAt))));
                    foreach (var (probe, trade) in flat.Where(f => f.trade is not null))
                    {
                        pending.Remove(probe);
                        toFlat.Add((trade!.ClosedAt - crossedAt).TotalMilliseconds);
                        var stop = (await api.OrdersAsync(probe, 5)).FirstOrDefault(o => o.Order.Purpose == "stopLoss" && o.Order.CreatedAt >= crossedAt);
                        if (stop is not null)
                        {
                            toStop.Add((stop.Order.CreatedAt - crossedAt).TotalMilliseconds);
                            if (stop.History.FirstOrDefault(h => h.Status != "pending") is { } acknowledged)
                            {
                                toVenue.Add((acknowledged.At - crossedAt).TotalMilliseconds);
                            }
                        }
                    }
                }

                notFlat += pending.Count;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            problem = $"{ex.GetType().Name}: {ex.Message}";
        }

        return new StopReaction(rounds, toFlat.Count, LatencySummary.FromMilliseconds(toStop), LatencySummary.FromMilliseconds(toVenue),
            LatencySummary.FromMilliseconds(toFlat), notFlat, refused, problem);
    }
}
