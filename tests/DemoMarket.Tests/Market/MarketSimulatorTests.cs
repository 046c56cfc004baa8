using Microsoft.Extensions.Time.Testing;
using OrleansTrading.Abstractions;
using OrleansTrading.DemoMarket.Hosting;
using OrleansTrading.DemoMarket.Market;
using OrleansTrading.DemoMarket.Tests.Support;

namespace OrleansTrading.DemoMarket.Tests.Market;

/// <summary>The simulated market on a fake clock with fixed seeds: its prices, spreads, sizes and episodes.</summary>
public sealed class MarketSimulatorTests
{
    private const int Seed = 1234;

    private static (MarketSimulator Simulator, FakeTimeProvider Clock) Start(DemoMarketOptions options, int seed = Seed,
        IReadOnlyDictionary<string, decimal>? startingMids = null)
    {
        var clock = new FakeTimeProvider(Given.Now);
        return (new MarketSimulator(options, seed, clock, startingMids), clock);
    }

    private static List<MarketTick> Run(MarketSimulator simulator, FakeTimeProvider clock, TimeSpan interval, int ticks)
    {
        var result = new List<MarketTick>(ticks);
        for (var i = 0; i < ticks; i++)
        {
            result.Add(simulator.Tick());
            clock.Advance(interval);
        }

        return result;
    }

    private static decimal HalfTickBps(Quote quote) => PriceGrid.TickSize(quote.Mid) / 2m / quote.Mid * 10_000m;

    [Fact]
    public void Prices_stay_positive_and_on_the_price_grid_through_a_violent_market()
    {
        var options = Given.Quiet();
        options.VolatilityPercent = 20m;
        options.DriftPercent = -50m;
        options.ShockDropPercent = 49m;
        options.ShockEvery = TimeSpan.FromSeconds(2);
        options.FirstEventsAfter = TimeSpan.FromSeconds(1);
        var (simulator, clock) = Start(options);

        var quotes = Run(simulator, clock, TimeSpan.FromMilliseconds(200), 20_000).SelectMany(t => t.Quotes).ToList();

        Assert.Equal(5 * 20_000 - 10, quotes.Count); // all but the ticks of the one scripted stale gap (2 s = 10 ticks)
        Assert.All(quotes, q =>
        {
            Assert.True(q.Bid > 0, $"bid {q.Bid}");
            Assert.True(q.Ask > q.Bid, $"{q.Bid}/{q.Ask}");
            var tick = PriceGrid.TickSize(q.Mid);
            Assert.Equal(0m, q.Bid % tick);
            Assert.Equal(0m, q.Ask % tick);
        });
    }

    [Fact]
    public void Ordinary_spreads_stay_between_the_configured_bounds_and_sizes_between_theirs()
    {
        var options = Given.Quiet();
        var (simulator, clock) = Start(options);

        var quotes = Run(simulator, clock, TimeSpan.FromMilliseconds(200), 5_000).SelectMany(t => t.Quotes).ToList();

        Assert.All(quotes, q =>
        {
            var spread = PriceGrid.SpreadBps(q.Bid, q.Ask);
            Assert.InRange(spread, options.MinSpreadBps - HalfTickBps(q), options.MaxSpreadBps + HalfTickBps(q));
            Assert.InRange(q.BidSize!.Value, options.MinSize, options.MaxSize);
            Assert.InRange(q.AskSize!.Value, options.MinSize, options.MaxSize);
            Assert.Equal(decimal.Truncate(q.AskSize.Value), q.AskSize.Value);
        });
        // The bounds are used, not merely respected: spreads and sizes spread over their ranges.
        Assert.True(quotes.Max(q => PriceGrid.SpreadBps(q.Bid, q.Ask)) > options.MaxSpreadBps - 1m);
        Assert.True(quotes.Min(q => PriceGrid.SpreadBps(q.Bid, q.Ask)) < options.MinSpreadBps + 1m);
        Assert.Equal(options.MinSize, quotes.Min(q => q.AskSize));
        Assert.Equal(options.MaxSize, quotes.Max(q => q.AskSize));
    }

    [Fact]
    public void Wide_spreads_begin_at_the_configured_rate_and_exceed_the_engines_filter()
    {
        var options = Given.Quiet();
        options.WideSpreadRate = 0.01;
        options.WideSpreadDuration = TimeSpan.FromMilliseconds(200); // one tick: every tick may begin one
        var (simulator, clock) = Start(options);

        var ticks = Run(simulator, clock, TimeSpan.FromMilliseconds(200), 10_000);

        var episodes = ticks.SelectMany(t => t.Events).Where(e => e.Kind == MarketEventKind.WideSpread).ToList();
        var expected = 0.01 * 10_000 * 5;
        Assert.InRange(episodes.Count, expected * 0.85, expected * 1.15);
        Assert.All(episodes, e => Assert.Equal(options.WideSpreadBps, e.Size));
        var wideQuotes = ticks.SelectMany(t => t.Quotes.Where(q => t.Events.Any(e => e.Kind == MarketEventKind.WideSpread && e.Symbol == q.Symbol))).ToList();
        Assert.Equal(episodes.Count, wideQuotes.Count);
        Assert.All(wideQuotes, q => Assert.InRange(PriceGrid.SpreadBps(q.Bid, q.Ask),
            options.WideSpreadBps - HalfTickBps(q), options.WideSpreadBps + HalfTickBps(q)));
        Assert.All(wideQuotes, q => Assert.True(PriceGrid.SpreadBps(q.Bid, q.Ask) > Given.Engine.MaxSpreadBps));
    }

    [Fact]
    public void Stale_gaps_begin_at_the_configured_rate_and_silence_the_symbol_for_their_duration()
    {
        var options = Given.Quiet();
        options.StaleGapRate = 0.002;
        options.StaleGapDuration = TimeSpan.FromSeconds(1);
        var interval = TimeSpan.FromMilliseconds(100);
        var (simulator, clock) = Start(options);

        var ticks = Run(simulator, clock, interval, 20_000);

        var gaps = ticks.SelectMany(t => t.Events).Where(e => e.Kind == MarketEventKind.StaleGap).ToList();
        // A gap lasts 10 ticks, during which that symbol cannot begin another: about 2 % of its ticks are not eligible.
        var expected = 0.002 * 20_000 * 5 * (1 - 0.002 * 10);
        Assert.InRange(gaps.Count, expected * 0.8, expected * 1.2);
        foreach (var gap in gaps)
        {
            var silent = ticks.Where(t => t.At >= gap.At && t.At < gap.At + gap.Duration).ToList();
            Assert.True(silent.Count == 10 || silent[^1] == ticks[^1], $"a gap of {silent.Count} ticks");
            Assert.All(silent, t => Assert.DoesNotContain(t.Quotes, q => q.Symbol == gap.Symbol));
            var after = ticks.FirstOrDefault(t => t.At == gap.At + gap.Duration);
            if (after is not null && !after.Events.Any(e => e.Kind == MarketEventKind.StaleGap && e.Symbol == gap.Symbol))
            {
                Assert.Contains(after.Quotes, q => q.Symbol == gap.Symbol);
            }
        }

        // Every missing quote belongs to a gap.
        var missing = ticks.Sum(t => 5 - t.Quotes.Count);
        Assert.Equal(missing, gaps.Sum(g => ticks.Count(t => t.At >= g.At && t.At < g.At + g.Duration)));
    }

    [Fact]
    public void The_first_minute_is_scripted_a_wide_spread_then_a_stale_gap_then_a_drop_beyond_the_engines_stop()
    {
        var options = Given.Quiet();
        options.FirstEventsAfter = TimeSpan.FromSeconds(5);
        options.ShockEvery = TimeSpan.FromSeconds(30);
        var (simulator, clock) = Start(options);

        var ticks = Run(simulator, clock, TimeSpan.FromMilliseconds(200), 5 * 60); // one minute

        var events = ticks.SelectMany(t => t.Events).ToList();
        var wide = Assert.Single(events, e => e.Kind == MarketEventKind.WideSpread);
        var gap = Assert.Single(events, e => e.Kind == MarketEventKind.StaleGap);
        var drops = events.Where(e => e.Kind == MarketEventKind.Drop).ToList();
        Assert.Equal((Given.Now.AddSeconds(5), "WAYNE"), (wide.At, wide.Symbol));
        Assert.Equal((Given.Now.AddSeconds(10), "UMBRELLA"), (gap.At, gap.Symbol));
        Assert.Equal([Given.Now.AddSeconds(15), Given.Now.AddSeconds(45)], drops.Select(d => d.At));
        Assert.All(drops, d => Assert.Equal("ACME", d.Symbol));

        // The drop takes the bid of ACME more than the engine's 2 % stop below where it stood, then it recovers.
        decimal Bid(DateTimeOffset at) => ticks.First(t => t.At >= at).Quotes.Single(q => q.Symbol == "ACME").Bid;
        var before = Bid(Given.Now.AddSeconds(14.8));
        var bottom = Bid(Given.Now.AddSeconds(16));
        var later = Bid(Given.Now.AddSeconds(40));
        Assert.True(bottom < before * (1 - Given.Engine.StopLossPercent / 100m), $"{before} -> {bottom}");
        Assert.True(later > bottom, $"{bottom} -> {later}");
    }

    [Fact]
    public void The_same_seed_replays_the_same_market_and_another_seed_does_not()
    {
        var options = Given.Quiet();
        options.WideSpreadRate = 0.01;
        options.StaleGapRate = 0.01;
        var (first, firstClock) = Start(options);
        var (again, againClock) = Start(options);
        var (other, otherClock) = Start(options, seed: Seed + 1);

        var a = Run(first, firstClock, TimeSpan.FromMilliseconds(200), 500).SelectMany(t => t.Quotes).ToList();
        var b = Run(again, againClock, TimeSpan.FromMilliseconds(200), 500).SelectMany(t => t.Quotes).ToList();
        var c = Run(other, otherClock, TimeSpan.FromMilliseconds(200), 500).SelectMany(t => t.Quotes).ToList();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void A_restarted_market_resumes_at_the_prices_it_is_given_and_others_start_at_their_own()
    {
        var (simulator, _) = Start(Given.Quiet(), startingMids: new Dictionary<string, decimal> { ["GLOBEX"] = 42.5m });

        var quotes = simulator.Tick().Quotes.ToDictionary(q => q.Symbol);

        Assert.InRange(quotes["GLOBEX"].Mid, 42.48m, 42.52m);
        Assert.InRange(quotes["ACME"].Mid, MarketSimulator.FirstPrice("ACME") - 0.05m, MarketSimulator.FirstPrice("ACME") + 0.05m);
        Assert.Equal(MarketSimulator.FirstPrice("ACME"), MarketSimulator.FirstPrice("ACME"));
        Assert.InRange(MarketSimulator.FirstPrice("WAYNE"), 60m, 300m);
    }

    [Fact]
    public void Over_an_hour_the_walk_drifts_as_configured()
    {
        var options = Given.Quiet();
        options.Symbols = string.Join(',', Enumerable.Range(0, 20).Select(i => $"S{i}"));
        options.DriftPercent = 20m;
        options.VolatilityPercent = 0.5m;
        var (simulator, clock) = Start(options);

        var ticks = Run(simulator, clock, TimeSpan.FromSeconds(1), 3_601);

        var start = ticks[0].Quotes.ToDictionary(q => q.Symbol, q => q.Mid);
        var growth = ticks[^1].Quotes.Average(q => q.Mid / start[q.Symbol]);
        Assert.InRange(growth, 1.17m, 1.28m); // e^0.2 ≈ 1.22 over the hour, less the volatility's correction
    }
}
