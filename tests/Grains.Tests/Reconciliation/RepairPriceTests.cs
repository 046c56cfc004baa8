using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Reconciliation;
using static OrleansTrading.Grains.Tests.Support.CoreBuilders;

namespace OrleansTrading.Grains.Tests.Reconciliation;

/// <summary>A position repair is booked at the freshest price known: the quote's mid or the venue's newest fill.</summary>
public sealed class RepairPriceTests
{
    private static Quote QuoteAt(DateTimeOffset at) => new(Symbol, 100m, 100.10m, at);

    private static VenueOrderReport Filled(string symbol, decimal price, DateTimeOffset at) =>
        new(new VenueOrder("va-1", "o-" + at.Ticks, symbol, OrderSide.Buy, 5m, null, false, TimeInForce.ImmediateOrCancel),
            OrderStatus.Filled, [new VenueFill("f-" + at.Ticks, "o-" + at.Ticks, symbol, OrderSide.Buy, 5m, price, at)],
            VenueCancelReason.None, null, at);

    [Fact]
    public void A_quote_that_went_stale_before_the_venue_traded_does_not_price_the_repair()
    {
        var price = RepairPrice.Choose(Symbol, QuoteAt(T0), [Filled(Symbol, 93.5m, T0.AddMinutes(40))]);

        Assert.Equal(new RepairPrice(93.5m, RepairPriceSource.VenueFill, T0.AddMinutes(40)), price);
    }

    [Fact]
    public void A_quote_newer_than_the_venues_last_trade_prices_it_at_its_mid()
    {
        var price = RepairPrice.Choose(Symbol, QuoteAt(T0.AddSeconds(1)), [Filled(Symbol, 93.5m, T0)]);

        Assert.Equal(new RepairPrice(100.05m, RepairPriceSource.QuoteMid, T0.AddSeconds(1)), price);
    }

    [Fact]
    public void The_newest_fill_of_the_symbol_counts_and_other_symbols_are_ignored()
    {
        var price = RepairPrice.Choose(Symbol, null,
            [Filled(Symbol, 90m, T0), Filled(Symbol, 91m, T0.AddSeconds(2)), Filled("MSFT", 400m, T0.AddSeconds(5))]);

        Assert.Equal(91m, price?.Price);
    }

    [Fact]
    public void Without_a_fill_the_quote_prices_it_and_without_either_there_is_no_price()
    {
        Assert.Equal(RepairPriceSource.QuoteMid, RepairPrice.Choose(Symbol, QuoteAt(T0), [Filled("MSFT", 400m, T0.AddHours(1))])?.Source);
        Assert.Null(RepairPrice.Choose(Symbol, null, [Filled("MSFT", 400m, T0)]));
        Assert.Null(RepairPrice.Choose(Symbol, null, []));
    }
}
