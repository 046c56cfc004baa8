using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Orders;
using static OrleansTrading.Grains.Tests.Support.CoreBuilders;

namespace OrleansTrading.Grains.Tests.Orders;

public class OrderTrackerTests
{
    private static VenueOrderReport Report(AccountOrder order, OrderStatus status, VenueFill[]? fills = null,
        VenueCancelReason cancel = VenueCancelReason.None, string? reject = null) =>
        new(order.ToVenueOrder(Account), status, fills ?? [], cancel, reject, T0.AddSeconds(1));

    [Theory]
    [InlineData(OrderStatus.Pending, OrderStatus.Accepted, true)]
    [InlineData(OrderStatus.Pending, OrderStatus.Rejected, true)]
    [InlineData(OrderStatus.Pending, OrderStatus.Filled, false)]
    [InlineData(OrderStatus.Pending, OrderStatus.Cancelled, false)]
    [InlineData(OrderStatus.Accepted, OrderStatus.PartiallyFilled, true)]
    [InlineData(OrderStatus.Accepted, OrderStatus.Filled, true)]
    [InlineData(OrderStatus.Accepted, OrderStatus.Cancelled, true)]
    [InlineData(OrderStatus.Accepted, OrderStatus.Pending, false)]
    [InlineData(OrderStatus.PartiallyFilled, OrderStatus.Filled, true)]
    [InlineData(OrderStatus.PartiallyFilled, OrderStatus.Accepted, false)]
    [InlineData(OrderStatus.PartiallyFilled, OrderStatus.PartiallyFilled, false)]
    [InlineData(OrderStatus.Filled, OrderStatus.Cancelled, false)]
    [InlineData(OrderStatus.Cancelled, OrderStatus.Filled, false)]
    [InlineData(OrderStatus.Rejected, OrderStatus.Accepted, false)]
    public void Transition_table(OrderStatus from, OrderStatus to, bool allowed)
    {
        Assert.Equal(allowed, OrderTransitions.IsAllowed(from, to));
    }

    [Fact]
    public void Terminal_statuses_are_exactly_those_with_no_way_out()
    {
        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            Assert.Equal(status.IsTerminal(), OrderTransitions.From(status).Count == 0);
        }
    }

    [Fact]
    public void Disallowed_transition_changes_nothing_and_records_nothing()
    {
        var order = Entry("o1", 10m, status: OrderStatus.Filled);
        var history = order.History.Count;

        Assert.False(order.TransitionTo(OrderStatus.Cancelled, T0));

        Assert.Equal((OrderStatus.Filled, history), (order.Status, order.History.Count));
    }

    [Fact]
    public void Full_fill_report_acknowledges_fills_and_finishes_the_order()
    {
        var order = Entry("o1", 10m, status: OrderStatus.Pending);
        var fill = Fill(order, "F1", 10m, 100m);

        var applied = OrderTracker.ApplyReport(order, Report(order, OrderStatus.Filled, [fill]));

        Assert.True(applied.Changed);
        Assert.Equal([fill], applied.NewFills);
        Assert.Equal((OrderStatus.Filled, 10m, 100m), (order.Status, order.FilledQuantity, order.AveragePrice));
        Assert.Equal([OrderStatus.Pending, OrderStatus.Accepted, OrderStatus.Filled], order.History.Select(h => h.Status));
    }

    [Fact]
    public void Same_report_applied_twice_changes_nothing_the_second_time()
    {
        var order = Entry("o1", 10m);
        var report = Report(order, OrderStatus.PartiallyFilled, [Fill(order, "F1", 4m, 100m)]);
        OrderTracker.ApplyReport(order, report);

        Assert.False(OrderTracker.WouldChange(order, report));
        Assert.Same(ReportApplied.Nothing, OrderTracker.ApplyReport(order, report));
        Assert.Equal(4m, order.FilledQuantity);
    }

    [Fact]
    public void Fill_is_applied_once_by_its_id()
    {
        var order = Entry("o1", 10m);
        var fill = Fill(order, "F1", 4m, 100m);

        Assert.True(OrderTracker.ApplyFill(order, fill));
        Assert.False(OrderTracker.ApplyFill(order, fill with { Quantity = 6m }));

        Assert.Equal((4m, OrderStatus.PartiallyFilled), (order.FilledQuantity, order.Status));
    }

    [Fact]
    public void Partial_fills_average_their_prices_and_fill_the_order_at_its_quantity()
    {
        var order = Entry("o1", 10m);

        OrderTracker.ApplyFill(order, Fill(order, "F1", 4m, 100m));
        OrderTracker.ApplyFill(order, Fill(order, "F2", 6m, 105m));

        Assert.Equal((OrderStatus.Filled, 103m, 0m), (order.Status, order.AveragePrice, order.Remaining));
        Assert.Equal([4m, 10m], order.History.Skip(2).Select(h => h.FilledQuantity));
    }

    [Fact]
    public void Pending_report_is_no_acknowledgement()
    {
        var order = Entry("o1", 10m, status: OrderStatus.Pending);

        Assert.Same(ReportApplied.Nothing, OrderTracker.ApplyReport(order, Report(order, OrderStatus.Pending)));
        Assert.Equal(OrderStatus.Pending, order.Status);
    }

    [Fact]
    public void Venue_rejection_keeps_its_reason_as_the_note()
    {
        var order = Entry("o1", 10m, status: OrderStatus.Pending);

        OrderTracker.ApplyReport(order, Report(order, OrderStatus.Rejected, reject: "Quantity must be greater than 0."));

        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.Equal("Quantity must be greater than 0.", order.History[^1].Note);
        Assert.Null(OrderTracker.CancelReasonOf(order));
    }

    [Theory]
    [InlineData(VenueCancelReason.LimitPrice)]
    [InlineData(VenueCancelReason.NoLiquidity)]
    [InlineData(VenueCancelReason.NothingToReduce)]
    public void Cancellation_keeps_the_venues_reason_as_a_value(VenueCancelReason reason)
    {
        var order = Entry("o1", 10m, status: OrderStatus.Pending);

        OrderTracker.ApplyReport(order, Report(order, OrderStatus.Cancelled, cancel: reason));

        Assert.Equal((OrderStatus.Cancelled, reason), (order.Status, order.CancelReason));
        Assert.Equal(reason, OrderTracker.CancelReasonOf(order));
        Assert.Equal(reason.ToString(), order.History[^1].Note); // the journal still shows it
    }

    [Fact]
    public void Order_stored_before_the_typed_reason_reads_it_from_its_last_note()
    {
        var order = Entry("o1", 10m);
        order.TransitionTo(OrderStatus.Cancelled, T0, nameof(VenueCancelReason.LimitPrice));

        Assert.Equal(VenueCancelReason.LimitPrice, OrderTracker.CancelReasonOf(order));
    }

    [Fact]
    public void Report_after_the_order_finished_changes_nothing()
    {
        var order = Entry("o1", 10m);
        OrderTracker.ApplyReport(order, Report(order, OrderStatus.Cancelled, cancel: VenueCancelReason.NoLiquidity));

        var late = Report(order, OrderStatus.Filled);

        Assert.False(OrderTracker.WouldChange(order, late));
        Assert.False(OrderTracker.ApplyReport(order, late).Changed);
        Assert.Equal(VenueCancelReason.NoLiquidity, order.CancelReason);
    }

    public static TheoryData<OrderStatus, OrderStatus, int> Reports => new()
    {
        { OrderStatus.Pending, OrderStatus.Accepted, 0 },
        { OrderStatus.Pending, OrderStatus.Rejected, 0 },
        { OrderStatus.Pending, OrderStatus.Cancelled, 0 },
        { OrderStatus.Pending, OrderStatus.Filled, 2 },
        { OrderStatus.Accepted, OrderStatus.Accepted, 0 },
        { OrderStatus.Accepted, OrderStatus.PartiallyFilled, 1 },
        { OrderStatus.Accepted, OrderStatus.Cancelled, 0 },
        { OrderStatus.PartiallyFilled, OrderStatus.PartiallyFilled, 1 },
        { OrderStatus.PartiallyFilled, OrderStatus.Filled, 2 },
        { OrderStatus.Filled, OrderStatus.Filled, 2 },
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public void Would_change_predicts_apply(OrderStatus orderStatus, OrderStatus reportStatus, int reportFills)
    {
        var order = Entry("o1", 10m, status: orderStatus == OrderStatus.Pending ? OrderStatus.Pending : OrderStatus.Accepted);
        VenueFill[] venueFills = [Fill(order, "F1", 5m, 100m), Fill(order, "F2", 5m, 100m)];
        foreach (var known in venueFills.Take(orderStatus switch { OrderStatus.PartiallyFilled => 1, OrderStatus.Filled => 2, _ => 0 }))
        {
            OrderTracker.ApplyFill(order, known);
        }

        Assert.Equal(orderStatus, order.Status);
        var report = Report(order, reportStatus, [.. venueFills.Take(reportFills)]);

        Assert.Equal(OrderTracker.WouldChange(order, report), OrderTracker.ApplyReport(order, report).Changed);
        Assert.False(OrderTracker.WouldChange(order, report));
    }

    [Fact]
    public void Closing_counts_only_working_reduce_only_orders_of_that_side_and_symbol()
    {
        var working = Exit("x1", 10m);
        OrderTracker.ApplyFill(working, Fill(working, "F1", 3m, 100m));
        AccountOrder[] orders = [working, Exit("x2", 5m, status: OrderStatus.Cancelled), Exit("x3", 4m, OrderSide.Buy), Entry("o1", 9m, OrderSide.Sell)];

        Assert.Equal(7m, OrderTracker.Closing(orders, Symbol, OrderSide.Sell));
        Assert.Equal(0m, OrderTracker.Closing(orders, "MSFT", OrderSide.Sell));
    }
}
