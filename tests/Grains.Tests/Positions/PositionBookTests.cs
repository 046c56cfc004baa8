using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Positions;
using OrleansTrading.Grains.Rules;
using static OrleansTrading.Grains.Tests.Support.CoreBuilders;

namespace OrleansTrading.Grains.Tests.Positions;

public class PositionBookTests
{
    private readonly List<PositionState> _positions = [];
    private int _nextId = 1;

    private PositionBook Book => new(Account, _positions);

    private string NewId() => $"N{_nextId++}";

    [Fact]
    public void Entry_fill_opens_the_orders_position_with_its_stop()
    {
        var entry = Entry("o1", 10m, positionId: "P1", stopLossPercent: 2m, trailingStopPercent: 1m);

        var change = Book.ApplyFill(entry, Fill(entry, "F1", 10m, 100m), NewId);

        Assert.Same(BookChange.None, change);
        var position = Assert.Single(_positions);
        Assert.Equal(("P1", PositionSide.Long, 10m, 100m, 98m, 100m), (position.PositionId, position.Side, position.Quantity,
            position.EntryPrice, position.StopLossPrice, position.BestPrice));
        Assert.Equal(("o1", 1m, T0), (position.EntryOrderId, position.TrailingStopPercent, position.OpenedAt));
    }

    [Fact]
    public void Sell_entry_opens_a_short_with_its_stop_above()
    {
        var entry = Entry("o1", 4m, OrderSide.Sell, positionId: "P1");

        Book.ApplyFill(entry, Fill(entry, "F1", 4m, 50m), NewId);

        var position = Assert.Single(_positions);
        Assert.Equal((PositionSide.Short, 51m), (position.Side, position.StopLossPrice));
    }

    [Fact]
    public void Adding_to_a_position_weights_the_entry_price_and_moves_the_stop()
    {
        var entry = Entry("o1", 30m, positionId: "P1");
        Book.ApplyFill(entry, Fill(entry, "F1", 10m, 100m), NewId);

        Book.ApplyFill(entry, Fill(entry, "F2", 30m, 104m), NewId);

        var position = Assert.Single(_positions);
        Assert.Equal(40m, position.Quantity);
        Assert.Equal(103m, position.EntryPrice);
        Assert.Equal(103m * 0.98m, position.StopLossPrice);
        Assert.Equal(103m, position.BestPrice);
    }

    [Fact]
    public void Partial_close_realizes_the_part_and_keeps_the_rest()
    {
        _positions.Add(Position("P1", 10m, 100m));
        var exit = Exit("x1", 4m);

        var change = Book.ApplyFill(exit, Fill(exit, "F9", 4m, 103m, second: 5), NewId);

        var trade = Assert.Single(change.Trades);
        Assert.Equal(new TradeRecord("F9-P1", Account, "P1", Symbol, PositionSide.Long, 4m, 100m, 103m, 12m, OrderPurpose.Signal,
            "x1", T0, T0.AddSeconds(5)), trade);
        Assert.Empty(change.Flattened);
        Assert.Equal((0m, 12m), (change.Excess, change.RealizedPnl));
        Assert.Equal(6m, Assert.Single(_positions).Quantity);
        Assert.Equal(12m, _positions[0].RealizedPnl);
    }

    [Fact]
    public void Full_close_removes_the_position_and_reports_its_total_pnl()
    {
        _positions.Add(Position("P1", 10m, 100m));
        var exit = Exit("x1", 10m);
        Book.ApplyFill(exit, Fill(exit, "F1", 4m, 103m), NewId);

        var change = Book.ApplyFill(exit, Fill(exit, "F2", 6m, 99m), NewId);

        Assert.Empty(_positions);
        Assert.Equal(-6m, change.RealizedPnl);
        Assert.Equal(new FlatPosition("P1", 12m - 6m), Assert.Single(change.Flattened));
    }

    [Fact]
    public void Reducing_fill_larger_than_what_is_open_is_cut_and_never_flips()
    {
        _positions.Add(Position("P1", 10m, 100m));
        var exit = Exit("x1", 25m);

        var change = Book.ApplyFill(exit, Fill(exit, "F1", 25m, 101m), NewId);

        Assert.Equal(15m, change.Excess);
        Assert.Equal(10m, Assert.Single(change.Trades).Quantity);
        Assert.Empty(_positions);
    }

    [Fact]
    public void Reducing_fill_with_nothing_on_the_reduced_side_is_all_excess()
    {
        _positions.Add(Position("P1", 10m, 100m));
        var wrongSide = Exit("x1", 5m, OrderSide.Buy);

        var change = Book.ApplyFill(wrongSide, Fill(wrongSide, "F1", 5m, 101m), NewId);

        Assert.Equal(5m, change.Excess);
        Assert.Empty(change.Trades);
        Assert.Equal(10m, Assert.Single(_positions).Quantity);
    }

    [Fact]
    public void Reduce_closes_the_orders_own_position_first_then_the_oldest()
    {
        _positions.Add(Position("P1", 5m, 100m, openedSecond: 1));
        _positions.Add(Position("P2", 5m, 100m, openedSecond: 0));
        _positions.Add(Position("P3", 5m, 100m, openedSecond: 2));
        var stop = Exit("stop-1", 12m, positionId: "P3", purpose: OrderPurpose.StopLoss);

        var change = Book.ApplyFill(stop, Fill(stop, "F1", 12m, 100m), NewId);

        Assert.Equal(["P3", "P2", "P1"], change.Trades.Select(t => t.PositionId));
        Assert.Equal([5m, 5m, 2m], change.Trades.Select(t => t.Quantity));
        Assert.Equal(OrderPurpose.StopLoss, change.Trades[0].Reason);
        Assert.Equal(3m, Assert.Single(_positions).Quantity);
    }

    [Fact]
    public void Short_close_realizes_entry_minus_exit()
    {
        _positions.Add(Position("P1", 10m, 100m, PositionSide.Short));
        var exit = Exit("x1", 10m, OrderSide.Buy);

        var change = Book.ApplyFill(exit, Fill(exit, "F1", 10m, 97m), NewId);

        Assert.Equal(30m, change.RealizedPnl);
    }

    [Fact]
    public void Close_more_than_a_position_holds_is_a_bug_not_a_flip()
    {
        _positions.Add(Position("P1", 10m, 100m));

        Assert.Throws<InvalidOperationException>(() => Book.Close("P1", 11m, 100m, T0, OrderPurpose.Reconciliation, "r", "t"));
        Assert.Throws<InvalidOperationException>(() => Book.Close("P9", 1m, 100m, T0, OrderPurpose.Reconciliation, "r", "t"));
    }

    [Fact]
    public void Adopt_adds_to_the_newest_position_of_that_side_at_a_weighted_price()
    {
        _positions.Add(Position("P1", 10m, 100m, openedSecond: 0));
        _positions.Add(Position("P2", 10m, 100m, openedSecond: 9));

        var adopted = Book.Adopt(Symbol, PositionSide.Long, 10m, 110m, T0, 2m, "reconciliation", NewId);

        Assert.Equal(("P2", 20m, 105m), (adopted.PositionId, adopted.Quantity, adopted.EntryPrice));
        Assert.Equal(10m, _positions[0].Quantity);
    }

    [Fact]
    public void Adopt_with_nothing_held_opens_a_position_with_the_default_stop()
    {
        var adopted = Book.Adopt(Symbol, PositionSide.Short, 5m, 100m, T0, 2m, "reconciliation", NewId);

        Assert.Equal(("N1", 5m, 100m, 102m, "reconciliation"), (adopted.PositionId, adopted.Quantity, adopted.EntryPrice,
            adopted.StopLossPrice, adopted.EntryOrderId));
    }

    [Fact]
    public void Trailing_stop_ratchets_only_in_the_positions_favour()
    {
        var position = Position("P1", 10m, 100m);
        position.TrailingStopPercent = 1m;

        Assert.True(PositionBook.Trail(position, new Quote(Symbol, 110m, 110.05m, T0)));
        Assert.Equal((110m, 108.9m), (position.BestPrice, position.StopLossPrice));
        Assert.False(PositionBook.Trail(position, new Quote(Symbol, 105m, 105.05m, T0)));
        Assert.Equal((110m, 108.9m), (position.BestPrice, position.StopLossPrice));
        Assert.True(PositionBook.IsStopCrossed(position, new Quote(Symbol, 108.9m, 109m, T0)));
    }

    [Fact]
    public void Fixed_stop_does_not_trail()
    {
        var position = Position("P1", 10m, 100m);

        Assert.False(PositionBook.Trail(position, new Quote(Symbol, 120m, 120.05m, T0)));
        Assert.Equal(98m, position.StopLossPrice);
    }

    [Fact]
    public void Release_exit_frees_only_the_positions_that_order_protected()
    {
        _positions.Add(Position("P1", 1m, 100m));
        _positions.Add(Position("P2", 1m, 100m));
        _positions[0].ExitOrderId = "stop-1";
        _positions[1].ExitOrderId = "stop-2";

        Book.ReleaseExit("stop-1");

        Assert.Equal([null, "stop-2"], _positions.Select(p => p.ExitOrderId));
    }

    [Fact]
    public void Allocate_takes_in_order_and_reports_what_nobody_could_take()
    {
        PositionState[] ordered = [Position("A", 3m, 1m), Position("B", 0m, 1m), Position("C", 4m, 1m)];

        var cuts = PositionBook.Allocate(ordered, 5m, out var excess);

        Assert.Equal([new PositionCut("A", 3m), new PositionCut("C", 2m)], cuts);
        Assert.Equal(0m, excess);
        PositionBook.Allocate(ordered, 10m, out var more);
        Assert.Equal(3m, more);
    }

    [Fact]
    public void Booking_a_change_realizes_its_pnl_and_counts_each_flat_position_once()
    {
        var change = new BookChange(
            [Trade("t1", -5m), Trade("t2", -3m)],
            [new FlatPosition("P1", -5m), new FlatPosition("P2", -3m)], 0m);

        var stats = change.ApplyTo(PerformanceStats.Initial(1_000m), unrealizedRest: 0m, T0, cooldownAfterLosses: 2, TimeSpan.FromMinutes(5));

        Assert.Equal((992m, -8m, 2, 0, T0.AddMinutes(5)), (stats.Balance, stats.RealizedPnl, stats.Losses, stats.ConsecutiveLosses, stats.CooldownUntil));
        var untouched = PerformanceStats.Initial(1m);
        Assert.Same(untouched, BookChange.None.ApplyTo(untouched, 0m, T0, 2, TimeSpan.Zero));
    }

    [Fact]
    public void Weighted_entry_price_of_nothing_held_is_the_added_price()
    {
        Assert.Equal(42m, PositionBook.WeightedEntryPrice(0m, 0m, 3m, 42m));
        Assert.Equal(101m, PositionBook.WeightedEntryPrice(3m, 100m, 1m, 104m));
    }

    private static TradeRecord Trade(string id, decimal pnl) =>
        new(id, Account, id, Symbol, PositionSide.Long, 1m, 100m, 100m + pnl, pnl, OrderPurpose.Signal, "x", T0, T0);
}
