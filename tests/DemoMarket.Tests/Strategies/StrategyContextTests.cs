using OrleansTrading.DemoMarket.Tests.Support;

namespace OrleansTrading.DemoMarket.Tests.Strategies;

/// <summary>The judgements the strategies share are made against the engine's own rules, read from the silo.</summary>
public sealed class StrategyContextTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(340, true)]   // with the margin for the signal's way to the engine
    [InlineData(360, false)]
    [InlineData(600, false)]
    public void A_quote_is_fresh_with_time_to_spare_before_the_engines_quote_age(int ageMs, bool fresh)
    {
        var context = Given.Context(Given.Market(Given.Quote("ACME", TimeSpan.FromMilliseconds(ageMs))));

        Assert.Equal(fresh, context.IsFresh("ACME"));
    }

    [Fact]
    public void A_longer_engine_quote_age_makes_older_quotes_fresh()
    {
        var context = Given.Context(Given.Market(Given.Quote("ACME", TimeSpan.FromSeconds(30)))) with
        {
            Engine = Given.Engine with { MaxQuoteAge = TimeSpan.FromMinutes(1) },
        };

        Assert.True(context.IsFresh("ACME"));
        Assert.False(context.IsQuiet("ACME"));
    }

    [Fact]
    public void A_spread_beyond_the_engines_filter_is_wide_and_one_at_it_is_not()
    {
        var market = Given.Market(Given.WideQuote("WIDE"), Given.Quote("EDGE", bid: 99.95m, ask: 100.05m), Given.Quote("NONE"));
        var context = Given.Context(market);

        Assert.True(context.IsWide("WIDE"));
        Assert.False(context.IsWide("EDGE")); // exactly 10 bps: the engine lets it pass
        Assert.False(context.IsWide("NONE"));
        Assert.False(context.IsTradeable("WIDE"));
        Assert.True(context.IsTradeable("EDGE"));
    }

    [Fact]
    public void A_feed_is_quiet_only_well_past_the_quote_age_and_never_without_a_quote()
    {
        var context = Given.Context(Given.Market(Given.Quote("OLD", TimeSpan.FromMilliseconds(800)), Given.Quote("NEW", TimeSpan.FromMilliseconds(600))));

        Assert.True(context.IsQuiet("OLD"));
        Assert.False(context.IsQuiet("NEW"));
        Assert.False(context.IsQuiet("MISSING"));
    }

    [Fact]
    public void Closing_everything_sells_the_whole_quantity_of_the_held_symbol()
    {
        var account = Given.Account(positions: [Given.Position("ACME", 5m), Given.Position("ACME", 7m)]);

        var close = Given.Context(Given.Market(), account).CloseAll("test")!;

        Assert.Equal(("ACME", OrleansTrading.Abstractions.OrderSide.Sell, 12m, OrleansTrading.Abstractions.SignalAction.Close),
            (close.Symbol, close.Side, close.Quantity, close.Action));
        Assert.Null(Given.Context(Given.Market()).CloseAll("flat"));
    }
}
