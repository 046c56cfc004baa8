using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Positions;
using OrleansTrading.Grains.Reconciliation;
using static OrleansTrading.Grains.Tests.Support.CoreBuilders;

namespace OrleansTrading.Grains.Tests.Reconciliation;

public class ReconciliationPlannerTests
{
    private readonly List<AccountOrder> _orders = [];
    private readonly List<PositionState> _positions = [];
    private readonly List<VenueOrderReport> _venueOrders = [];
    private readonly Dictionary<string, decimal> _venueNet = new(StringComparer.Ordinal);

    private VenueAccountReport Report => new(_venueOrders, _venueNet);

    private IReadOnlyList<Repair> Plan() => ReconciliationPlanner.Plan(_orders, _positions, Report);

    private void AssertPlanSettles()
    {
        PlanApplier.Apply(Plan(), _orders, _positions, 100m);
        Assert.Empty(Plan());
    }

    private void VenueKnows(AccountOrder order, OrderStatus status, params VenueFill[] fills) =>
        _venueOrders.Add(new VenueOrderReport(order.ToVenueOrder(Account), status, fills, VenueCancelReason.None, null, T0));

    [Fact]
    public void Account_in_step_with_the_venue_needs_nothing()
    {
        _positions.Add(Position("P1", 10m, 100m));
        _venueNet[Symbol] = 10m;
        var exit = Exit("x1", 10m);
        _orders.Add(exit);
        VenueKnows(exit, OrderStatus.Accepted);

        Assert.Empty(Plan());
    }

    [Fact]
    public void Working_order_unknown_to_the_venue_is_rejected_finished_ones_are_left_alone()
    {
        _orders.Add(Entry("o1", 10m, status: OrderStatus.Pending));
        _orders.Add(Entry("o2", 10m, status: OrderStatus.Filled));

        Assert.Equal([new RejectUnknownOrder("o1")], Plan());
        AssertPlanSettles();
    }

    [Fact]
    public void Missed_entry_fill_is_applied_by_its_order_and_not_again_as_a_position_difference()
    {
        var entry = Entry("o1", 10m, positionId: "P1");
        _orders.Add(entry);
        VenueKnows(entry, OrderStatus.Filled, Fill(entry, "F1", 10m, 100.05m));
        _venueNet[Symbol] = 10m;

        var repair = Assert.IsType<ApplyVenueReport>(Assert.Single(Plan()));

        Assert.Equal("o1", repair.OrderId);
        AssertPlanSettles();
        Assert.Equal((10m, 100.05m), (_positions.Single().Quantity, _positions.Single().EntryPrice));
    }

    [Fact]
    public void Missed_exit_fill_closes_through_its_order()
    {
        _positions.Add(Position("P1", 10m, 100m));
        var exit = Exit("x1", 10m);
        _orders.Add(exit);
        VenueKnows(exit, OrderStatus.Filled, Fill(exit, "F1", 10m, 101m));

        Assert.IsType<ApplyVenueReport>(Assert.Single(Plan()));
        AssertPlanSettles();
        Assert.Empty(_positions);
    }

    [Fact]
    public void Venue_status_without_fills_is_a_repair()
    {
        var exit = Exit("x1", 10m);
        _orders.Add(exit);
        _positions.Add(Position("P1", 10m, 100m));
        _venueNet[Symbol] = 10m;
        _venueOrders.Add(new VenueOrderReport(exit.ToVenueOrder(Account), OrderStatus.Cancelled, [], VenueCancelReason.Cancelled, "session closed", T0));

        Assert.IsType<ApplyVenueReport>(Assert.Single(Plan()));
        AssertPlanSettles();
        Assert.Equal(OrderStatus.Cancelled, exit.Status);
    }

    [Fact]
    public void Quantity_the_venue_no_longer_holds_is_cut_from_the_newest_positions()
    {
        _positions.Add(Position("P1", 5m, 100m, openedSecond: 0));
        _positions.Add(Position("P2", 5m, 100m, openedSecond: 9));
        _venueNet[Symbol] = 3m;

        var align = Assert.IsType<AlignPosition>(Assert.Single(Plan()));

        Assert.Equal((10m, 3m, 0m), (align.Held, align.Target, align.AdoptQuantity));
        Assert.Equal([new PositionCut("P2", 5m), new PositionCut("P1", 2m)], align.Cuts);
        AssertPlanSettles();
    }

    [Fact]
    public void Symbol_the_venue_does_not_hold_at_all_is_closed()
    {
        _positions.Add(Position("P1", 5m, 100m, PositionSide.Short));

        var align = Assert.IsType<AlignPosition>(Assert.Single(Plan()));

        Assert.Equal((-5m, 0m, 0m), (align.Held, align.Target, align.AdoptQuantity));
        Assert.Equal([new PositionCut("P1", 5m)], align.Cuts);
        AssertPlanSettles();
    }

    [Fact]
    public void Quantity_only_the_venue_holds_is_adopted()
    {
        _positions.Add(Position("P1", 5m, 100m));
        _venueNet[Symbol] = 8m;
        _venueNet["MSFT"] = -2m;

        var plan = Plan().Cast<AlignPosition>().ToList();

        Assert.Equal([(Symbol, PositionSide.Long, 3m), ("MSFT", PositionSide.Short, 2m)],
            plan.Select(a => (a.Symbol, a.AdoptSide, a.AdoptQuantity)));
        Assert.All(plan, a => Assert.Empty(a.Cuts));
        AssertPlanSettles();
    }

    [Fact]
    public void Venue_on_the_other_side_closes_everything_held_then_adopts_its_side()
    {
        _positions.Add(Position("P1", 5m, 100m));
        _venueNet[Symbol] = -4m;

        var align = Assert.IsType<AlignPosition>(Assert.Single(Plan()));

        Assert.Equal([new PositionCut("P1", 5m)], align.Cuts);
        Assert.Equal((PositionSide.Short, 4m), (align.AdoptSide, align.AdoptQuantity));
        AssertPlanSettles();
    }

    [Fact]
    public void Planning_changes_nothing_and_plans_the_same_twice()
    {
        _positions.Add(Position("P1", 10m, 100m));
        var exit = Exit("x1", 10m, positionId: "P1");
        _orders.Add(exit);
        VenueKnows(exit, OrderStatus.PartiallyFilled, Fill(exit, "F1", 4m, 101m));
        _venueNet[Symbol] = 2m;

        var first = Plan();
        var second = Plan();

        Assert.Equal(first.Count, second.Count);
        Assert.Equal(2, first.Count);
        Assert.Equal([new PositionCut("P1", 4m)], Assert.IsType<AlignPosition>(first[1]).Cuts); // 10 - 4 filled, venue holds 2
        Assert.Equal((10m, 0m, OrderStatus.Accepted), (_positions[0].Quantity, exit.FilledQuantity, exit.Status));
        AssertPlanSettles();
        Assert.Equal(2m, _positions.Single().Quantity);
    }
}
