using CsCheck;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Reconciliation;
using static OrleansTrading.Grains.Tests.Support.CoreBuilders;

namespace OrleansTrading.Grains.Tests.Reconciliation;

public class ReconciliationProperties
{
    /// <summary>Positions on one side, maybe an entry whose fill the account missed, and any venue position.</summary>
    private static readonly Gen<(bool, int[], int, int)> Accounts = Gen.Select(
        Gen.Bool, Gen.Int[1, 20].Array[0, 4], Gen.Int[0, 15], Gen.Int[-40, 40]);

    [Fact]
    public void Applying_the_plan_then_planning_again_finds_nothing()
    {
        Accounts.Sample((isLong, quantities, missedEntry, venueNet) =>
        {
            var side = isLong ? PositionSide.Long : PositionSide.Short;
            var positions = quantities.Select((q, i) => Position($"P{i}", q, 100m + i, side, openedSecond: i)).ToList();
            var orders = new List<AccountOrder>();
            var venueOrders = new List<VenueOrderReport>();
            if (missedEntry > 0)
            {
                var entry = Entry("o1", missedEntry, isLong ? OrderSide.Buy : OrderSide.Sell, positionId: "P-new");
                orders.Add(entry);
                venueOrders.Add(new VenueOrderReport(entry.ToVenueOrder(Account), OrderStatus.Filled,
                    [Fill(entry, "F1", missedEntry, 101m)], VenueCancelReason.None, null, T0));
            }

            var report = new VenueAccountReport(venueOrders,
                venueNet == 0 ? new Dictionary<string, decimal>() : new Dictionary<string, decimal> { [Symbol] = venueNet });
            var heldBefore = positions.Sum(p => p.SignedQuantity);

            var plan = ReconciliationPlanner.Plan(orders, positions, report);

            Assert.Equal(heldBefore, positions.Sum(p => p.SignedQuantity)); // planning alone changes nothing
            PlanApplier.Apply(plan, orders, positions, 100m);
            Assert.Equal(venueNet, positions.Sum(p => p.SignedQuantity));
            Assert.All(positions, p => Assert.True(p.Quantity > 0));
            Assert.Empty(ReconciliationPlanner.Plan(orders, positions, report));
        }, iter: 300);
    }
}
