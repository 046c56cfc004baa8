using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Market;

namespace OrleansTrading.Grains.Tests.Market;

public sealed class StopIndexTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);

    private static Quote Q(decimal bid, decimal ask) => new("SYM", bid, ask, At);

    private static QuoteWatch Long(string id, decimal? stop, decimal? trailFrom = null) => new(id, "SYM", PositionSide.Long, stop, trailFrom, false);

    private static QuoteWatch Short(string id, decimal? stop, decimal? trailFrom = null) => new(id, "SYM", PositionSide.Short, stop, trailFrom, false);

    [Fact]
    public void A_watch_read_back_after_a_restart_hears_only_what_it_must_act_on_and_then_new_extremes()
    {
        var index = new StopIndex();
        Assert.True(index.Restore(Long("a", 98m)));
        Assert.True(index.Restore(Long("b", 99.8m)));

        // The first quote seeds the restored ranges: only b, whose stop it reaches, is woken up.
        Assert.Equal(["b"], index.Route(Q(99.7m, 99.75m)));
        Assert.Equal(["a", "b"], index.Route(Q(99.5m, 99.55m))); // a: a new low is news again; b: every crossing quote
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void A_watch_read_back_never_replaces_one_the_account_registered_since()
    {
        var index = new StopIndex();
        index.Register(Long("a", 95m), Q(100m, 100.05m));

        Assert.False(index.Restore(Long("a", 98m)));
        Assert.Equal(Long("a", 95m), index.Find("a"));
        Assert.Equal(["a"], index.Route(Q(97m, 97.05m))); // a new low of a's own range (a restored entry would only be seeded)
    }

    [Fact]
    public void A_quote_inside_the_range_already_sent_reaches_nobody()
    {
        var index = new StopIndex();
        Assert.False(index.Register(Long("a", 98m), Q(100m, 100.05m)));

        Assert.Empty(index.Route(Q(100m, 100.05m)));
        Assert.Equal(["a"], index.Route(Q(99.5m, 99.55m)));   // a new low: marks the drawdown
        Assert.Equal(["a"], index.Route(Q(100.5m, 100.55m))); // a new high: marks the peak
        Assert.Equal(["a"], index.Route(Q(100.2m, 100.25m))); // below that high: a drawdown from the new peak
        Assert.Empty(index.Route(Q(100.3m, 100.35m)));
    }

    [Fact]
    public void After_a_new_high_only_prices_below_it_can_deepen_a_drawdown()
    {
        var index = new StopIndex();
        index.Register(Long("a", 90m), Q(100m, 100m));
        Assert.Equal(["a"], index.Route(Q(95m, 95m)));
        Assert.Equal(["a"], index.Route(Q(110m, 110m)));
        // 100 is above the old low of 95, but 10/110 below the new peak: a deeper drawdown, so it must be sent.
        Assert.Equal(["a"], index.Route(Q(100m, 100m)));
        Assert.Empty(index.Route(Q(105m, 105m)));
    }

    [Theory]
    [InlineData(98, true)]
    [InlineData(97.5, true)]
    [InlineData(98.01, false)]
    public void A_long_is_sent_every_quote_at_or_below_its_stop(decimal bid, bool sent)
    {
        var index = new StopIndex();
        index.Register(Long("a", 98m), Q(98.01m, 98.06m)); // the range starts at 98.01
        Assert.Equal(sent, index.Route(Q(bid, bid + 0.05m)).Contains("a"));
        Assert.Equal(sent, index.Route(Q(bid, bid + 0.05m)).Contains("a")); // again: a waiting stop hears every crossing quote
    }

    [Fact]
    public void A_short_watches_the_ask_upwards()
    {
        var index = new StopIndex();
        index.Register(Short("s", 102m), Q(99.95m, 100m));
        Assert.Empty(index.Route(Q(99.95m, 100m)));
        Assert.Equal(["s"], index.Route(Q(101.9m, 102m)));
        Assert.Equal(["s"], index.Route(Q(101.9m, 102m)));
        Assert.Equal(["s"], index.Route(Q(97m, 97.05m))); // a new best (lowest ask)
    }

    [Fact]
    public void A_trailing_stop_hears_every_price_beyond_its_best()
    {
        var index = new StopIndex();
        index.Register(Long("t", 98m, trailFrom: 101m), Q(100m, 100.05m));
        Assert.Equal(["t"], index.Route(Q(101.5m, 101.55m)));
        Assert.Equal(["t"], index.Route(Q(100m, 100.05m)));
        Assert.Equal(["t"], index.Route(Q(101.2m, 101.25m))); // inside the range sent, but beyond the registered best
        Assert.Empty(index.Route(Q(100.5m, 100.55m)));
    }

    [Fact]
    public void Registration_sends_the_latest_quote_only_when_it_is_actionable()
    {
        var index = new StopIndex();
        Assert.False(index.Register(Long("a", 98m), null));
        Assert.False(index.Register(Long("a", 97m), Q(100m, 100m)));
        Assert.True(index.Register(Long("a", 99m), Q(98.5m, 98.5m)));
        Assert.False(index.Register(Long("a", 99m), Q(98.5m, 98.5m))); // the same watch again changes nothing
    }

    [Fact]
    public void Only_holders_the_quote_concerns_are_routed_among_many()
    {
        var index = new StopIndex();
        for (var i = 0; i < 1000; i++)
        {
            index.Register(Long($"a{i}", 90m + i % 10), Q(100m, 100m));
        }

        Assert.Equal(1000, index.Route(Q(99.5m, 99.5m)).Count); // a new low for everyone
        Assert.Empty(index.Route(Q(99.8m, 99.8m)));
        Assert.Equal(1000, index.Route(Q(95m, 95m)).Count);
        Assert.Equal(400, index.Route(Q(96m, 96m)).Count); // inside the range: only the stops at 96-99 hear it
    }

    [Fact]
    public void The_sweep_resends_an_actionable_quote_not_acted_on_within_two_sweeps_and_never_one_that_was()
    {
        var index = new StopIndex();
        index.Register(Long("lost", 98m), Q(100m, 100m));
        index.Register(Long("acted", 98m), Q(100m, 100m));
        var crossing = Q(97m, 97m);
        Assert.Equal(2, index.Route(crossing).Count);

        index.Register(Long("acted", null), crossing); // it fired its stop: nothing armed any more
        Assert.Empty(index.Overdue(crossing));          // the first sweep may come right after the push
        Assert.Equal(["lost"], index.Overdue(crossing));
        Assert.Empty(index.Overdue(crossing));
        Assert.Equal(["lost"], index.Overdue(crossing));

        Assert.True(index.Remove("lost"));
        Assert.Empty(index.Overdue(crossing));
        Assert.Equal(1, index.Count);
    }
}
