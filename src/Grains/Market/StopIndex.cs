using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Market;

/// <summary>
/// The stops of one symbol, where its quotes arrive: each holder's <see cref="QuoteWatch"/> plus the range of exit
/// prices already sent to it. A quote goes to a holder when it is actionable (stop, trailing stop) or leaves that range
/// (a new high or low, which moves the account's peak equity or drawdown); the range then widens to include it, the
/// same way the account's marks move. Pure and single-threaded: it lives inside the market-data grain.
/// </summary>
public sealed class StopIndex
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _sweeps;

    public int Count => _entries.Count;

    /// <summary>
    /// Adds or replaces an account's watch; returns whether to send it <paramref name="latest"/> now: only when that
    /// quote is actionable for the new watch (it may have arrived while the account was deciding). A changed watch
    /// means the account's positions changed, so its sent range starts again at the latest quote. The same watch again
    /// (an account re-activated) changes nothing.
    /// </summary>
    public bool Register(QuoteWatch watch, Quote? latest)
    {
        if (_entries.TryGetValue(watch.AccountId, out var existing) && existing.Watch == watch)
        {
            return false;
        }

        var entry = new Entry(watch);
        _entries[watch.AccountId] = entry;
        if (latest is null)
        {
            return false;
        }

        entry.Extend(watch.ExitPrice(latest));
        if (!watch.IsActionable(latest))
        {
            return false;
        }

        entry.Sent(latest, _sweeps);
        return true;
    }

    /// <summary>
    /// Puts back a watch read from the database after a restart, unless the account registered one since. Its sent range
    /// is unknown (the account's marks were stored with the account), so the first quote only seeds it: a restored holder
    /// hears of that quote when it is actionable, and is not woken up just because it is the first.
    /// </summary>
    public bool Restore(QuoteWatch watch)
    {
        return _entries.TryAdd(watch.AccountId, new Entry(watch) { Restored = true });
    }

    public bool Remove(string accountId) => _entries.Remove(accountId);

    /// <summary>The accounts a new quote must go to; their sent ranges now include it.</summary>
    public List<string> Route(Quote quote)
    {
        var recipients = new List<string>();
        foreach (var entry in _entries.Values)
        {
            var price = entry.Watch.ExitPrice(quote);
            var actionable = entry.Watch.IsActionable(quote);
            var extreme = entry.Extend(price) && !entry.Restored;
            entry.Restored = false;
            if (extreme || actionable)
            {
                recipients.Add(entry.Watch.AccountId);
                if (actionable)
                {
                    entry.Sent(quote, _sweeps);
                }
            }
        }

        return recipients;
    }

    /// <summary>
    /// The safety net for a lost or unprocessed push, run every stop-check interval: the accounts for which
    /// <paramref name="latest"/> is still actionable although it was sent to them before the previous sweep (an account
    /// that acted on it has registered a watch for which it no longer is). Counting sweeps, not time, keeps it
    /// independent of the trading clock. The caller sends it again only when it is fresh.
    /// </summary>
    public List<string> Overdue(Quote latest)
    {
        _sweeps++;
        var overdue = new List<string>();
        foreach (var entry in _entries.Values)
        {
            if (entry.Watch.IsActionable(latest) && (!ReferenceEquals(entry.LastSent, latest) || entry.SentAtSweep < _sweeps - 1))
            {
                entry.Sent(latest, _sweeps);
                overdue.Add(entry.Watch.AccountId);
            }
        }

        return overdue;
    }

    /// <summary>Every holder of a watch: for what concerns them all at once (a new trading day starts).</summary>
    public List<string> Holders() => [.. _entries.Keys];

    public QuoteWatch? Find(string accountId) => _entries.TryGetValue(accountId, out var entry) ? entry.Watch : null;

    private sealed class Entry(QuoteWatch watch)
    {
        public QuoteWatch Watch { get; } = watch;

        /// <summary>Read back after a restart and not yet seeded with a quote.</summary>
        public bool Restored { get; set; }

        public decimal? Low { get; private set; }

        public decimal? High { get; private set; }

        public Quote? LastSent { get; private set; }

        public long SentAtSweep { get; private set; }

        /// <summary>
        /// Widens the sent range to <paramref name="price"/>; true when it was outside (a new extreme). After a new
        /// best price only later prices worse than it can deepen a drawdown, so the other end moves up to it too.
        /// </summary>
        public bool Extend(decimal price)
        {
            if (Low is not { } low || High is not { } high)
            {
                Low = High = price;
                return true;
            }

            var improving = Watch.Side == PositionSide.Long ? price > high : price < low;
            if (improving)
            {
                Low = High = price;
                return true;
            }

            if (price < low || price > high)
            {
                Low = Math.Min(low, price);
                High = Math.Max(high, price);
                return true;
            }

            return false;
        }

        public void Sent(Quote quote, long sweep)
        {
            LastSent = quote;
            SentAtSweep = sweep;
        }
    }
}
