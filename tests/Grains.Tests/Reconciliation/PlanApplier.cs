using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Orders;
using OrleansTrading.Grains.Positions;
using OrleansTrading.Grains.Reconciliation;
using static OrleansTrading.Grains.Tests.Support.CoreBuilders;

namespace OrleansTrading.Grains.Tests.Reconciliation;

/// <summary>Applies a plan with the core classes, as the account grain does (at one known price, without I/O).</summary>
public static class PlanApplier
{
    public static void Apply(IReadOnlyList<Repair> plan, List<AccountOrder> orders, List<PositionState> positions, decimal price)
    {
        var book = new PositionBook(Account, positions);
        var nextId = 1;
        string NewId() => $"A{nextId++}";
        foreach (var repair in plan)
        {
            switch (repair)
            {
                case RejectUnknownOrder unknown:
                    var rejected = orders.Single(o => o.OrderId == unknown.OrderId);
                    rejected.TransitionTo(OrderStatus.Rejected, T0, "Unknown to the venue (reconciliation).");
                    book.ReleaseExit(rejected.OrderId);
                    break;
                case ApplyVenueReport missed:
                    var order = orders.Single(o => o.OrderId == missed.OrderId);
                    foreach (var fill in OrderTracker.ApplyReport(order, missed.Report).NewFills)
                    {
                        book.ApplyFill(order, fill, NewId);
                    }

                    break;
                case AlignPosition align:
                    foreach (var cut in align.Cuts)
                    {
                        book.Close(cut.PositionId, cut.Quantity, price, T0, OrderPurpose.Reconciliation, "reconciliation", $"recon-{cut.PositionId}");
                    }

                    if (align.AdoptQuantity > 0)
                    {
                        book.Adopt(align.Symbol, align.AdoptSide, align.AdoptQuantity, price, T0, 2m, "reconciliation", NewId);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Unknown repair {repair}.");
            }
        }
    }
}
