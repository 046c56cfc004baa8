using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Orders;
using OrleansTrading.Grains.Positions;

namespace OrleansTrading.Grains.Reconciliation;

/// <summary>
/// Compares the account with the venue's report and lists the repairs, without changing anything: working orders
/// first (unknown ones rejected, missed fills and statuses applied), then each symbol's net position set to the
/// venue's. Applying the plan and planning again yields no repairs.
/// </summary>
public static class ReconciliationPlanner
{
    public static IReadOnlyList<Repair> Plan(IReadOnlyList<AccountOrder> orders, IReadOnlyList<PositionState> positions,
        VenueAccountReport report)
    {
        var repairs = new List<Repair>();
        var venueOrders = report.Orders.ToDictionary(o => o.Order.ClientOrderId, StringComparer.Ordinal);

        // Positions are judged as they will be after the order repairs, so a missed fill is applied once (by its
        // order) and not a second time as a position difference.
        var projected = new PositionBook("", positions.Select(Copy).ToList());
        var projectedIds = 0;
        foreach (var order in orders.Where(o => !o.IsTerminal))
        {
            if (!venueOrders.TryGetValue(order.OrderId, out var venueOrder))
            {
                repairs.Add(new RejectUnknownOrder(order.OrderId));
                continue;
            }

            if (!OrderTracker.WouldChange(order, venueOrder))
            {
                continue;
            }

            repairs.Add(new ApplyVenueReport(order.OrderId, venueOrder));
            foreach (var fill in venueOrder.Fills.Where(f => !order.FillIds.Contains(f.FillId)))
            {
                projected.ApplyFill(order, fill, () => $"projected-{projectedIds++}");
            }
        }

        var symbols = report.NetPositions.Keys.Concat(projected.Positions.Select(p => p.Symbol)).Distinct(StringComparer.Ordinal);
        foreach (var symbol in symbols.ToList())
        {
            if (Align(projected, symbol, report.NetPositions.GetValueOrDefault(symbol)) is { } align)
            {
                repairs.Add(align);
            }
        }

        return repairs;
    }

    /// <summary>
    /// Quantity the venue no longer holds is cut from the newest positions of the held side; quantity only the venue
    /// holds is adopted. A venue on the other side means closing everything held, then adopting its side.
    /// </summary>
    private static AlignPosition? Align(PositionBook book, string symbol, decimal target)
    {
        var held = book.NetQuantity(symbol);
        if (held == target)
        {
            return null;
        }

        var heldSide = held > 0 ? PositionSide.Long : PositionSide.Short;
        var sameSide = held != 0 && target != 0 && Math.Sign(held) == Math.Sign(target);
        var excess = held == 0 ? 0m : sameSide ? Math.Max(0m, Math.Abs(held) - Math.Abs(target)) : Math.Abs(held);
        var newestFirst = book.Positions.Where(p => p.Symbol == symbol && p.Side == heldSide).OrderByDescending(p => p.OpenedAt);
        var cuts = PositionBook.Allocate(newestFirst, excess, out _);
        var heldAfter = Math.Abs(held) - cuts.Sum(c => c.Quantity);
        var remaining = sameSide ? heldAfter : 0m;
        var missing = target == 0 ? 0m : Math.Max(0m, Math.Abs(target) - remaining);
        return new AlignPosition(symbol, held, target, cuts, target > 0 ? PositionSide.Long : PositionSide.Short, missing);
    }

    /// <summary>The projection must not touch the account's own positions.</summary>
    private static PositionState Copy(PositionState p) => new()
    {
        PositionId = p.PositionId,
        Symbol = p.Symbol,
        Side = p.Side,
        Quantity = p.Quantity,
        EntryPrice = p.EntryPrice,
        StopLossPrice = p.StopLossPrice,
        OpenedAt = p.OpenedAt,
        TrailingStopPercent = p.TrailingStopPercent,
        BestPrice = p.BestPrice,
        EntryOrderId = p.EntryOrderId,
        ExitOrderId = p.ExitOrderId,
        StopLossPercent = p.StopLossPercent,
        RealizedPnl = p.RealizedPnl,
    };
}
