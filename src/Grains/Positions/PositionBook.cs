using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Positions;

/// <summary>
/// The account's open positions and the only code that changes them: entry fills open or grow a position, other
/// fills reduce (never flip), reconciliation cuts and adopts quantity, quotes ratchet trailing stops. Plain code
/// over the account's <see cref="PositionState"/> list: no grain, no I/O.
/// </summary>
public sealed class PositionBook(string accountId, List<PositionState> positions)
{
    public IReadOnlyList<PositionState> Positions => positions;

    public PositionState? Find(string positionId) => positions.FirstOrDefault(p => p.PositionId == positionId);

    /// <summary>Long minus short quantity held in a symbol.</summary>
    public decimal NetQuantity(string symbol) => positions.Where(p => p.Symbol == symbol).Sum(p => p.SignedQuantity);

    /// <summary>What the positions in a symbol would realize if all closed at <paramref name="price"/>.</summary>
    public decimal UnrealizedPnl(string symbol, decimal price) =>
        positions.Where(p => p.Symbol == symbol).Sum(p => Pnl.Of(p.Side, p.EntryPrice, price, p.Quantity));

    /// <summary>Applies one venue fill of an order: an entry grows (or opens) its position; any other order reduces.</summary>
    public BookChange ApplyFill(AccountOrder order, VenueFill fill, Func<string> newPositionId)
    {
        if (order.Purpose == OrderPurpose.Entry)
        {
            Grow(order, fill, newPositionId);
            return BookChange.None;
        }

        return Reduce(order.Symbol, order.Side, fill.Quantity, fill.Price, fill.At, order.Purpose, order.OrderId, fill.FillId, order.PositionId);
    }

    /// <summary>
    /// Closes up to <paramref name="quantity"/> of the side an order of <paramref name="side"/> reduces: the order's own
    /// position first, then the oldest others. What is left over is reported as <see cref="BookChange.Excess"/>, never opened.
    /// </summary>
    public BookChange Reduce(string symbol, OrderSide side, decimal quantity, decimal price, DateTimeOffset at, OrderPurpose reason,
        string orderId, string fillId, string? ownPositionId)
    {
        var reduced = PositionSides.ReducedBy(side);
        var targets = positions
            .Where(p => p.Symbol == symbol && p.Side == reduced)
            .OrderBy(p => p.PositionId == ownPositionId ? 0 : 1)
            .ThenBy(p => p.OpenedAt);
        var cuts = Allocate(targets, quantity, out var excess);
        var trades = new List<TradeRecord>(cuts.Count);
        var flattened = new List<FlatPosition>();
        foreach (var cut in cuts)
        {
            var closed = Close(cut.PositionId, cut.Quantity, price, at, reason, orderId, $"{fillId}-{cut.PositionId}");
            trades.AddRange(closed.Trades);
            flattened.AddRange(closed.Flattened);
        }

        return new BookChange(trades, flattened, excess);
    }

    /// <summary>Closes part or all of one position at a price; a position closed to zero leaves the book.</summary>
    public BookChange Close(string positionId, decimal quantity, decimal price, DateTimeOffset at, OrderPurpose reason,
        string orderId, string tradeId)
    {
        var position = Find(positionId) ?? throw new InvalidOperationException($"Position {positionId} is not open.");
        if (quantity <= 0 || quantity > position.Quantity)
        {
            throw new InvalidOperationException($"Cannot close {quantity} of position {positionId}, which holds {position.Quantity}.");
        }

        var pnl = Pnl.Of(position.Side, position.EntryPrice, price, quantity);
        position.Quantity -= quantity;
        position.RealizedPnl += pnl;
        var trade = new TradeRecord(tradeId, accountId, position.PositionId, position.Symbol, position.Side, quantity,
            position.EntryPrice, price, pnl, reason, orderId, position.OpenedAt, at);
        if (position.Quantity > 0)
        {
            return new BookChange([trade], [], 0m);
        }

        positions.Remove(position);
        return new BookChange([trade], [new FlatPosition(position.PositionId, position.RealizedPnl)], 0m);
    }

    /// <summary>
    /// Takes on quantity held elsewhere (the venue) at a price: added to the newest position of that side, else a new
    /// position with a stop <paramref name="stopLossPercent"/> away.
    /// </summary>
    public PositionState Adopt(string symbol, PositionSide side, decimal quantity, decimal price, DateTimeOffset at,
        decimal stopLossPercent, string entryOrderId, Func<string> newPositionId)
    {
        var newest = positions.Where(p => p.Symbol == symbol && p.Side == side).MaxBy(p => p.OpenedAt);
        if (newest is not null)
        {
            // The stop stays where it was: adopted quantity is a repair, not a new entry decision.
            newest.EntryPrice = WeightedEntryPrice(newest.Quantity, newest.EntryPrice, quantity, price);
            newest.Quantity += quantity;
            return newest;
        }

        var adopted = new PositionState
        {
            PositionId = newPositionId(),
            Symbol = symbol,
            Side = side,
            Quantity = quantity,
            EntryPrice = price,
            BestPrice = price,
            StopLossPercent = stopLossPercent,
            StopLossPrice = StopLoss.InitialPrice(side, price, stopLossPercent),
            OpenedAt = at,
            EntryOrderId = entryOrderId,
        };
        positions.Add(adopted);
        return adopted;
    }

    /// <summary>A finished exit order no longer protects its positions: a new stop may fire for what is left.</summary>
    public void ReleaseExit(string orderId)
    {
        foreach (var position in positions.Where(p => p.ExitOrderId == orderId))
        {
            position.ExitOrderId = null;
        }
    }

    /// <summary>Moves a trailing stop with the best price seen (only ever in the position's favour); true if either moved.</summary>
    public static bool Trail(PositionState position, Quote quote)
    {
        if (position.TrailingStopPercent is not { } trail)
        {
            return false;
        }

        var best = position.Side == PositionSide.Long ? Math.Max(position.BestPrice, quote.Bid) : Math.Min(position.BestPrice, quote.Ask);
        var stop = StopLoss.Trail(position.Side, position.StopLossPrice, best, trail);
        var moved = best != position.BestPrice || stop != position.StopLossPrice;
        position.BestPrice = best;
        position.StopLossPrice = stop;
        return moved;
    }

    public static bool IsStopCrossed(PositionState position, Quote quote) =>
        StopLoss.IsTriggered(position.Side, position.StopLossPrice, quote);

    /// <summary>
    /// Takes <paramref name="quantity"/> from positions in the given order, each at most what it holds; what none can
    /// take is the <paramref name="excess"/>.
    /// </summary>
    public static IReadOnlyList<PositionCut> Allocate(IEnumerable<PositionState> ordered, decimal quantity, out decimal excess)
    {
        var cuts = new List<PositionCut>();
        var remaining = quantity;
        foreach (var position in ordered)
        {
            if (remaining <= 0)
            {
                break;
            }

            var cut = Math.Min(remaining, position.Quantity);
            if (cut > 0)
            {
                cuts.Add(new PositionCut(position.PositionId, cut));
                remaining -= cut;
            }
        }

        excess = Math.Max(0m, remaining);
        return cuts;
    }

    /// <summary>The average entry price after adding quantity at a price to what is held.</summary>
    public static decimal WeightedEntryPrice(decimal heldQuantity, decimal heldPrice, decimal addedQuantity, decimal addedPrice) =>
        (heldQuantity * heldPrice + addedQuantity * addedPrice) / (heldQuantity + addedQuantity);

    /// <summary>An entry fill: opens the order's position or adds to it; the stop follows the new average entry.</summary>
    private void Grow(AccountOrder order, VenueFill fill, Func<string> newPositionId)
    {
        var side = PositionSides.ForEntry(order.Side);
        var position = order.PositionId is null ? null : Find(order.PositionId);
        if (position is null)
        {
            position = new PositionState
            {
                PositionId = order.PositionId ?? newPositionId(),
                Symbol = order.Symbol,
                Side = side,
                OpenedAt = fill.At,
                EntryOrderId = order.OrderId,
                StopLossPercent = order.StopLossPercent,
                TrailingStopPercent = order.TrailingStopPercent,
            };
            positions.Add(position);
        }

        position.EntryPrice = WeightedEntryPrice(position.Quantity, position.EntryPrice, fill.Quantity, fill.Price);
        position.Quantity += fill.Quantity;
        position.BestPrice = position.EntryPrice;
        position.StopLossPrice = StopLoss.InitialPrice(side, position.EntryPrice, position.StopLossPercent);
    }
}
