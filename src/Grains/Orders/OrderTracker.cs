using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Accounts;

namespace OrleansTrading.Grains.Orders;

/// <summary>
/// Keeps an <see cref="AccountOrder"/> in step with the venue: acknowledgement, each fill exactly once (by fill id),
/// and the venue's final status with its typed cancel reason. Moves only along <see cref="OrderTransitions"/>.
/// </summary>
public static class OrderTracker
{
    /// <summary>
    /// Applies the venue's report: acknowledges a pending order, adds fills not seen before, then takes the venue's
    /// terminal status. The new fills are returned for the position book.
    /// </summary>
    public static ReportApplied ApplyReport(AccountOrder order, VenueOrderReport report)
    {
        if (report.Status == OrderStatus.Pending)
        {
            return ReportApplied.Nothing; // no acknowledgement: nothing is known yet
        }

        var changed = false;
        if (order.Status == OrderStatus.Pending && report.Status != OrderStatus.Rejected)
        {
            changed |= order.TransitionTo(OrderStatus.Accepted, report.UpdatedAt);
        }

        var newFills = new List<VenueFill>();
        foreach (var fill in report.Fills)
        {
            if (ApplyFill(order, fill))
            {
                newFills.Add(fill);
            }
        }

        if (report.IsTerminal)
        {
            changed |= Finish(order, report);
        }

        return newFills.Count == 0 && !changed ? ReportApplied.Nothing : new ReportApplied(true, newFills);
    }

    /// <summary>Adds one fill to the order unless its id was already applied; true when it was new.</summary>
    public static bool ApplyFill(AccountOrder order, VenueFill fill)
    {
        if (!order.FillIds.Add(fill.FillId))
        {
            return false;
        }

        order.FilledQuantity += fill.Quantity;
        order.FilledNotional += fill.Quantity * fill.Price;
        order.TransitionTo(order.FilledQuantity >= order.Quantity ? OrderStatus.Filled : OrderStatus.PartiallyFilled, fill.At);
        return true;
    }

    /// <summary>Whether <see cref="ApplyReport"/> would change the order, without changing it.</summary>
    public static bool WouldChange(AccountOrder order, VenueOrderReport report) =>
        report.Status != OrderStatus.Pending
        && (report.Fills.Any(f => !order.FillIds.Contains(f.FillId))
            || (order.Status == OrderStatus.Pending && report.Status != OrderStatus.Rejected)
            || (report.IsTerminal && OrderTransitions.IsAllowed(order.Status, report.Status)));

    /// <summary>
    /// Why the venue cancelled the order; null unless it is cancelled. Orders stored before the reason had its own
    /// field (<c>Id(20)</c>) carry it only as the note of their last status change.
    /// </summary>
    public static VenueCancelReason? CancelReasonOf(AccountOrder order) =>
        order.Status != OrderStatus.Cancelled
            ? null
            : order.CancelReason ?? (Enum.TryParse<VenueCancelReason>(order.History[^1].Note, out var stored) ? stored : null);

    /// <summary>The quantity still working in reduce-only orders of one side: already on its way to closing positions.</summary>
    public static decimal Closing(IEnumerable<AccountOrder> orders, string symbol, OrderSide side) =>
        orders.Where(o => o.Symbol == symbol && o.ReduceOnly && o.Side == side).Sum(o => o.Remaining);

    private static bool Finish(AccountOrder order, VenueOrderReport report)
    {
        var note = report.Status == OrderStatus.Rejected ? report.RejectReason : report.CancelReason.ToString();
        if (!order.TransitionTo(report.Status, report.UpdatedAt, note))
        {
            return false;
        }

        if (report.Status == OrderStatus.Cancelled)
        {
            order.CancelReason = report.CancelReason;
        }

        return true;
    }
}
