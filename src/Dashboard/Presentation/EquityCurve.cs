using OrleansTrading.Abstractions;

namespace OrleansTrading.Dashboard.Presentation;

/// <summary>
/// The account's realized equity over time, from its journaled trades: the starting equity plus each closed trade's
/// PnL in closing order, and the drawdown from the running peak, in percent.
/// </summary>
public sealed record EquityCurve(IReadOnlyList<DateTimeOffset> At, IReadOnlyList<decimal> Equity, IReadOnlyList<decimal> DrawdownPercent)
{
    public static EquityCurve From(decimal startingEquity, DateTimeOffset startAt, IEnumerable<TradeRecord> trades)
    {
        var at = new List<DateTimeOffset> { startAt };
        var equity = new List<decimal> { startingEquity };
        var drawdown = new List<decimal> { 0m };
        var current = startingEquity;
        var peak = startingEquity;
        foreach (var trade in trades.OrderBy(t => t.ClosedAt))
        {
            current += trade.Pnl;
            peak = Math.Max(peak, current);
            at.Add(trade.ClosedAt);
            equity.Add(current);
            drawdown.Add(peak == 0 ? 0m : Math.Round(100m * (peak - current) / peak, 4));
        }

        return new EquityCurve(at, equity, drawdown);
    }
}
