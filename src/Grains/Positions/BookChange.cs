using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Positions;

/// <summary>
/// What a fill or a cut did to the position book: the trades it closed (one per position part), the positions it
/// left flat, and any reducing quantity that found nothing open (refused, so no position flips).
/// </summary>
public sealed record BookChange(IReadOnlyList<TradeRecord> Trades, IReadOnlyList<FlatPosition> Flattened, decimal Excess)
{
    public static BookChange None { get; } = new([], [], 0m);

    public decimal RealizedPnl => Trades.Sum(t => t.Pnl);

    /// <summary>
    /// Books the change into the account's results: its realized PnL into the balance, equity marked with what is
    /// still open (<paramref name="unrealizedRest"/>), and each position it left flat counted as one win or loss.
    /// </summary>
    public PerformanceStats ApplyTo(PerformanceStats stats, decimal unrealizedRest, DateTimeOffset at,
        int cooldownAfterLosses, TimeSpan cooldownDuration)
    {
        if (Trades.Count == 0)
        {
            return stats;
        }

        var booked = Performance.Realize(stats, RealizedPnl, unrealizedRest);
        foreach (var flat in Flattened)
        {
            booked = Performance.CountOutcome(booked, flat.RealizedPnl, at, cooldownAfterLosses, cooldownDuration);
        }

        return booked;
    }
}

/// <summary>A position closed to zero and its total PnL over every part that closed it.</summary>
public sealed record FlatPosition(string PositionId, decimal RealizedPnl);
