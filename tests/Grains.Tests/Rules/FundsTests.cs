using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules;

public class FundsTests
{
    private static readonly Quote Quote = new("AAPL", 100.00m, 100.05m, EntryCheckBuilder.DefaultNow);

    private static OpenPosition Long(decimal quantity, decimal entry) => new("AAPL", PositionSide.Long, quantity, entry);

    [Fact]
    public void Position_notional_is_quantity_times_entry_price()
    {
        Assert.Equal(2_512.50m, new OpenPosition("AAPL", PositionSide.Short, 25m, 100.50m).Notional);
    }

    [Fact]
    public void Available_is_the_balance_without_positions()
    {
        Assert.Equal(100_000m, Funds.Available(100_000m, []));
    }

    [Fact]
    public void Available_subtracts_the_notional_of_every_open_position()
    {
        var positions = new[] { Long(100m, 100m), new OpenPosition("AAPL", PositionSide.Short, 50m, 200m) };
        Assert.Equal(80_000m, Funds.Available(100_000m, positions));
    }

    [Fact]
    public void Buy_within_balance_is_allowed()
    {
        Assert.Null(Funds.Check(OrderSide.Buy, 10m, Quote, 100_000m, []));
    }

    [Fact]
    public void Buy_costing_exactly_the_balance_is_allowed()
    {
        // 2,000 x 100.05 = 200,100.
        Assert.Null(Funds.Check(OrderSide.Buy, 2_000m, Quote, 200_100m, []));
    }

    [Fact]
    public void Buy_costing_one_cent_more_than_the_balance_is_denied()
    {
        var denial = Funds.Check(OrderSide.Buy, 2_000m, Quote, 200_099.99m, []);

        Assert.NotNull(denial);
        Assert.Equal(RejectionReason.InsufficientFunds, denial.Reason);
    }

    [Fact]
    public void Buy_is_priced_at_the_ask()
    {
        // 1,000 x ask 100.05 = 100,050 > 100,000 (at the bid it would have fit exactly).
        Assert.NotNull(Funds.Check(OrderSide.Buy, 1_000m, Quote, 100_000m, []));
    }

    [Fact]
    public void Sell_is_priced_at_the_bid()
    {
        // 1,000 x bid 100.00 = 100,000 = balance (at the ask it would not fit).
        Assert.Null(Funds.Check(OrderSide.Sell, 1_000m, Quote, 100_000m, []));
        Assert.NotNull(Funds.Check(OrderSide.Sell, 1_000m, Quote, 99_999.99m, []));
    }

    [Fact]
    public void Open_positions_reduce_what_a_new_order_may_cost()
    {
        // 100,000 - 900 x 100 = 10,000 available.
        var positions = new[] { Long(900m, 100m) };

        Assert.Null(Funds.Check(OrderSide.Buy, 99m, Quote, 100_000m, positions));      // 9,904.95
        Assert.NotNull(Funds.Check(OrderSide.Buy, 100m, Quote, 100_000m, positions));  // 10,005
        Assert.Null(Funds.Check(OrderSide.Sell, 100m, Quote, 100_000m, positions));    // 10,000 exactly
    }

    [Fact]
    public void Committed_notional_uses_the_entry_price_not_the_current_quote()
    {
        // Entry 50 x 1,000 = 50,000 committed even though the position is now worth 100,000.
        var positions = new[] { Long(1_000m, 50m) };

        Assert.Equal(50_000m, Funds.Available(100_000m, positions));
        Assert.Null(Funds.Check(OrderSide.Sell, 500m, Quote, 100_000m, positions)); // 50,000 exactly
    }

    [Fact]
    public void Zero_balance_denies_any_order()
    {
        var denial = Funds.Check(OrderSide.Buy, 0.001m, Quote, 0m, []);

        Assert.NotNull(denial);
        Assert.Equal(RejectionReason.InsufficientFunds, denial.Reason);
    }
}
