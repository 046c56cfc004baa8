using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Accounts;

/// <summary>The persisted state of one virtual account.</summary>
[GenerateSerializer, Alias("trading.VirtualAccountState")]
public sealed class VirtualAccountState
{
    [Id(0)] public bool Created { get; set; }
    [Id(1)] public decimal InitialBalance { get; set; }
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public decimal Balance { get; set; }
    [Id(4)] public decimal RealizedPnl { get; set; }
    [Id(5)] public int Wins { get; set; }
    [Id(6)] public int Losses { get; set; }
    [Id(7)] public int ConsecutiveLosses { get; set; }
    [Id(8)] public DateTimeOffset? CooldownUntil { get; set; }
    [Id(9)] public decimal PeakEquity { get; set; }
    [Id(10)] public decimal MaxDrawdown { get; set; }
    [Id(11)] public List<PositionState> Positions { get; set; } = [];

    /// <summary>
    /// Written by releases before the decisions journal; read once to move them there (see the migration), then empty.
    /// </summary>
    [Id(12)] public List<RecordedDecision> LegacyDecisions { get; set; } = [];

    [Id(13)] public long NextPositionNumber { get; set; } = 1;

    /// <summary>Working (non-terminal) orders only: finished ones live in the journal.</summary>
    [Id(14)] public List<AccountOrder> Orders { get; set; } = [];

    [Id(15)] public DateTimeOffset? LastReconciledAt { get; set; }
    [Id(16)] public int ReconciliationRepairs { get; set; }
    [Id(17)] public long NextOrderNumber { get; set; } = 1;

    // The risk limits (appended; state written before them reads with no overrides, no locks, and a trading day
    // that starts at the next look, from the equity of that moment).

    /// <summary>The account's own limit values; null: every <c>Trading:Limits</c> default applies.</summary>
    [Id(18)] public LimitOverrides? LimitOverrides { get; set; }

    /// <summary>The start of the trading day <see cref="DayStartEquity"/> belongs to.</summary>
    [Id(19)] public DateTimeOffset? TradingDayStart { get; set; }

    /// <summary>Equity when the account first looked at the current trading day: what its daily loss is measured against.</summary>
    [Id(20)] public decimal DayStartEquity { get; set; }

    /// <summary><c>dailyLossLimit</c> reached: entries blocked until this instant (the next trading day's start).</summary>
    [Id(21)] public DateTimeOffset? DailyLossLockedUntil { get; set; }

    [Id(22)] public decimal DailyLossLockedPercent { get; set; }

    /// <summary><c>maxDrawdown</c> reached at this instant: entries blocked until an operator resets the account.</summary>
    [Id(23)] public DateTimeOffset? DrawdownHaltedAt { get; set; }

    [Id(24)] public decimal DrawdownHaltedPercent { get; set; }

    /// <summary>Recent stop-outs, for the stop-loss guard (only those inside its window are kept).</summary>
    [Id(25)] public List<StopOutRecord> StopOuts { get; set; } = [];

    /// <summary>Symbols the stop-loss guard locked, until their expiry.</summary>
    [Id(26)] public List<SymbolLockState> SymbolLocks { get; set; } = [];

    public PerformanceStats Stats
    {
        get => new(Balance, RealizedPnl, Wins, Losses, ConsecutiveLosses, CooldownUntil, PeakEquity, MaxDrawdown);
        set
        {
            Balance = value.Balance;
            RealizedPnl = value.RealizedPnl;
            Wins = value.Wins;
            Losses = value.Losses;
            ConsecutiveLosses = value.ConsecutiveLosses;
            CooldownUntil = value.CooldownUntil;
            PeakEquity = value.PeakEquity;
            MaxDrawdown = value.MaxDrawdown;
        }
    }

    public string? ActiveSymbol => Positions.Count == 0 ? null : Positions[0].Symbol;

    /// <summary>
    /// Exposure as the entry rules see it: open positions plus entries still in flight (sent, no position yet,
    /// e.g. a lost fill report), so an unconfirmed entry can't let a second one past the symbol, cap or funds checks.
    /// </summary>
    public IReadOnlyList<OpenPosition> OpenPositions() =>
        Positions.Select(p => new OpenPosition(p.Symbol, p.Side, p.Quantity, p.EntryPrice))
            .Concat(Orders
                .Where(o => o.Purpose == OrderPurpose.Entry && !o.IsTerminal && Positions.All(p => p.PositionId != o.PositionId))
                .Select(o => new OpenPosition(o.Symbol, o.Side == OrderSide.Buy ? PositionSide.Long : PositionSide.Short,
                    o.Remaining, o.LimitPrice ?? 0m)))
            .ToList();
}

[GenerateSerializer, Alias("trading.PositionState")]
public sealed class PositionState
{
    [Id(0)] public string PositionId { get; set; } = "";
    [Id(1)] public string Symbol { get; set; } = "";
    [Id(2)] public PositionSide Side { get; set; }
    [Id(3)] public decimal Quantity { get; set; }
    [Id(4)] public decimal EntryPrice { get; set; }
    [Id(5)] public decimal StopLossPrice { get; set; }
    [Id(6)] public DateTimeOffset OpenedAt { get; set; }
    [Id(7)] public decimal? TrailingStopPercent { get; set; }

    /// <summary>Best price seen since entry (highest bid for longs, lowest ask for shorts), for trailing stops.</summary>
    [Id(8)] public decimal BestPrice { get; set; }
    [Id(9)] public string EntryOrderId { get; set; } = "";

    /// <summary>The working reduce-only order closing this position (stop, trailing stop, flatten), if any.</summary>
    [Id(10)] public string? ExitOrderId { get; set; }
    [Id(11)] public decimal StopLossPercent { get; set; }

    /// <summary>PnL realized so far by partial closes; the position counts as one win or loss when it is flat.</summary>
    [Id(12)] public decimal RealizedPnl { get; set; }

    public decimal SignedQuantity => Side == PositionSide.Long ? Quantity : -Quantity;
}

/// <summary>A symbol locked by the stop-loss guard (see <see cref="Rules.SymbolLock"/>).</summary>
[GenerateSerializer, Immutable, Alias("trading.SymbolLockState")]
public sealed record SymbolLockState(
    [property: Id(0)] string Symbol,
    [property: Id(1)] DateTimeOffset Until,
    [property: Id(2)] int StopOuts,
    [property: Id(3)] TimeSpan Window)
{
    public SymbolLock ToRule() => new(Symbol, Until, StopOuts, Window);

    public static SymbolLockState From(SymbolLock held) => new(held.Symbol, held.Until, held.StopOuts, held.Window);
}

[GenerateSerializer, Immutable, Alias("trading.RecordedDecision")]
public sealed record RecordedDecision(
    [property: Id(0)] string SignalId,
    [property: Id(1)] SignalDecision Decision);
