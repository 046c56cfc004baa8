using CsCheck;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Orders;
using OrleansTrading.Grains.Positions;
using OrleansTrading.Grains.Rules;
using static OrleansTrading.Grains.Tests.Support.CoreBuilders;

namespace OrleansTrading.Grains.Tests.Positions;

/// <summary>
/// Random sequences of entry fills, exit fills (often larger than what is open) and re-delivered fills, run through
/// the order tracker and the position book as the account grain runs them.
/// </summary>
public class FillSequenceProperties
{
    private const decimal InitialBalance = 100_000m;

    /// <summary>Kind 0: an entry fill; 1: an exit fill; 2: a fill delivered again (push and reconciliation both report it).</summary>
    private sealed record Step(int Kind, int Quantity, decimal Price, int Pick);

    private static readonly Gen<Step> Steps = Gen.Select(Gen.Int[0, 2], Gen.Int[1, 50], Gen.Int[5_000, 15_000], Gen.Int[0, 1_000],
        (kind, quantity, cents, pick) => new Step(kind, quantity, cents / 100m, pick));

    private static readonly Gen<(bool, Step[])> Scenarios = Gen.Select(Gen.Bool, Steps.Array[1, 60]);

    [Fact]
    public void Random_fills_never_flip_never_count_twice_and_keep_the_balance_equal_to_the_trades()
    {
        Scenarios.Sample((isLong, steps) =>
        {
            var accountSide = isLong ? PositionSide.Long : PositionSide.Short;
            var entrySide = isLong ? OrderSide.Buy : OrderSide.Sell;
            var positions = new List<PositionState>();
            var book = new PositionBook(Account, positions);
            var stats = PerformanceStats.Initial(InitialBalance);
            var trades = new List<TradeRecord>();
            var delivered = new List<(AccountOrder Order, VenueFill Fill)>();
            var newIds = 0;

            for (var i = 0; i < steps.Length; i++)
            {
                var step = steps[i];
                if (step.Kind == 2 && delivered.Count > 0)
                {
                    var (again, fill) = delivered[step.Pick % delivered.Count];
                    var before = (again.FilledQuantity, again.FilledNotional, again.History.Count);
                    Assert.False(OrderTracker.ApplyFill(again, fill));
                    Assert.Equal(before, (again.FilledQuantity, again.FilledNotional, again.History.Count));
                    continue;
                }

                var order = step.Kind == 0
                    ? Entry($"o{i}", step.Quantity, entrySide, positionId: $"P{i}")
                    : Exit($"x{i}", step.Quantity, PositionSides.ExitSide(accountSide));
                var newFill = Fill(order, $"F{i}", step.Quantity, step.Price, second: i);
                var open = positions.Sum(p => p.Quantity);

                Assert.True(OrderTracker.ApplyFill(order, newFill));
                var change = book.ApplyFill(order, newFill, () => $"N{newIds++}");
                stats = change.ApplyTo(stats, book.UnrealizedPnl(Symbol, newFill.Price), newFill.At, 3, TimeSpan.FromMinutes(5));
                trades.AddRange(change.Trades);
                delivered.Add((order, newFill));

                Assert.All(positions, p => Assert.True(p.Side == accountSide && p.Quantity > 0, $"{p.PositionId}: {p.Side} {p.Quantity}"));
                if (step.Kind == 0)
                {
                    Assert.Equal(open + step.Quantity, positions.Sum(p => p.Quantity));
                }
                else
                {
                    var closed = change.Trades.Sum(t => t.Quantity);
                    Assert.Equal(Math.Min(open, step.Quantity), closed);
                    Assert.Equal(step.Quantity - closed, change.Excess);
                    Assert.Equal(open - closed, positions.Sum(p => p.Quantity));
                }

                Assert.Equal(InitialBalance + trades.Sum(t => t.Pnl), stats.Balance);
                Assert.Equal(trades.Sum(t => t.Pnl), stats.RealizedPnl);
            }

            Assert.Equal(trades.Count, trades.Select(t => t.TradeId).Distinct().Count());
            Assert.All(delivered, d => Assert.Equal(d.Fill.Quantity, d.Order.FilledQuantity)); // re-deliveries added nothing
        }, iter: 300);
    }

    [Fact]
    public void Every_position_left_flat_is_counted_once_as_a_win_or_a_loss()
    {
        Scenarios.Sample((isLong, steps) =>
        {
            var positions = new List<PositionState>();
            var book = new PositionBook(Account, positions);
            var stats = PerformanceStats.Initial(InitialBalance);
            var opened = 0;
            for (var i = 0; i < steps.Length; i++)
            {
                var step = steps[i];
                var entry = step.Kind == 0;
                opened += entry ? 1 : 0;
                var order = entry
                    ? Entry($"o{i}", step.Quantity, isLong ? OrderSide.Buy : OrderSide.Sell, positionId: $"P{i}")
                    : Exit($"x{i}", step.Quantity, isLong ? OrderSide.Sell : OrderSide.Buy);
                var fill = Fill(order, $"F{i}", step.Quantity, step.Price, second: i);
                OrderTracker.ApplyFill(order, fill);
                stats = book.ApplyFill(order, fill, () => "unused").ApplyTo(stats, 0m, fill.At, int.MaxValue, TimeSpan.Zero);
            }

            Assert.Equal(opened - positions.Count, stats.Wins + stats.Losses);
        }, iter: 200);
    }
}
