using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules.Limits;

public sealed class OrderSizeTests
{
    private static readonly EffectiveLimits Defaults = EffectiveLimits.Resolve(new LimitsOptions(), null);
    private static readonly Quote Quote = new("AAPL", 100m, 100.05m, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_buy_whose_notional_at_the_ask_is_exactly_the_limit_passes()
    {
        var limits = Defaults with { MaxNotionalPerOrder = 100_050m };
        Assert.Null(OrderSize.Check(OrderSide.Buy, 1_000m, Quote, limits)); // 1,000 × 100.05
    }

    [Fact]
    public void A_buy_one_cent_of_notional_above_the_limit_is_orderTooLarge_and_names_the_limit_and_the_value()
    {
        var limits = Defaults with { MaxNotionalPerOrder = 100_049.99m };
        var denial = OrderSize.Check(OrderSide.Buy, 1_000m, Quote, limits);
        Assert.NotNull(denial);
        Assert.Equal(RejectionReason.OrderTooLarge, denial.Reason);
        Assert.Equal("order notional 100,050 > 100,049.99 limit (MaxNotionalPerOrder).", denial.Detail);
    }

    [Fact]
    public void A_sell_is_valued_at_the_bid()
    {
        var limits = Defaults with { MaxNotionalPerOrder = 100_000m };
        Assert.Null(OrderSize.Check(OrderSide.Sell, 1_000m, Quote, limits)); // 1,000 × 100.00
        Assert.NotNull(OrderSize.Check(OrderSide.Buy, 1_000m, Quote, limits));
    }

    [Fact]
    public void The_default_notional_limit_is_100_000()
    {
        Assert.Null(OrderSize.Check(OrderSide.Sell, 1_000m, Quote, Defaults));
        Assert.NotNull(OrderSize.Check(OrderSide.Sell, 1_000.00000001m, Quote, Defaults));
    }

    [Fact]
    public void The_quantity_limit_is_off_by_default_and_its_edge_passes_when_set()
    {
        Assert.Null(Defaults.MaxQuantityPerOrder);
        var limits = Defaults with { MaxQuantityPerOrder = 50m };
        Assert.Null(OrderSize.Check(OrderSide.Buy, 50m, Quote, limits));
        var denial = OrderSize.Check(OrderSide.Buy, 50.00000001m, Quote, limits);
        Assert.Equal(RejectionReason.OrderTooLarge, denial?.Reason);
        Assert.Equal("order quantity 50.00000001 > 50 limit (MaxQuantityPerOrder).", denial?.Detail);
    }

    [Fact]
    public void Without_a_quote_only_the_quantity_is_judged()
    {
        var limits = Defaults with { MaxNotionalPerOrder = 1m, MaxQuantityPerOrder = 5m };
        Assert.Null(OrderSize.Check(OrderSide.Buy, 5m, null, limits));
        Assert.NotNull(OrderSize.Check(OrderSide.Buy, 6m, null, limits));
    }
}
