using OrleansTrading.Abstractions;
using OrleansTrading.DemoMarket.Market;

namespace OrleansTrading.DemoMarket.Strategies;

/// <summary>Everything a strategy decides from, with the judgements the strategies share.</summary>
public sealed record StrategyContext(DateTimeOffset Now, MarketView Market, AccountSnapshot Account, EngineSettings Engine)
{
    /// <summary>A signal takes a moment to reach the engine: a quote is fresh to a careful strategy only with this much age to spare.</summary>
    private static readonly TimeSpan FreshnessMargin = TimeSpan.FromMilliseconds(150);

    /// <summary>A quote this much past the engine's quote age is surely stale by the time a signal arrives.</summary>
    private static readonly TimeSpan QuietMargin = TimeSpan.FromMilliseconds(250);

    public TimeSpan? QuoteAge(string symbol) => Market.QuoteOf(symbol) is { } quote ? Now - quote.Timestamp : null;

    /// <summary>Young enough that the engine will still take it when the signal arrives.</summary>
    public bool IsFresh(string symbol) =>
        QuoteAge(symbol) is { } age && age <= Engine.MaxQuoteAge - Min(FreshnessMargin, Engine.MaxQuoteAge / 2);

    /// <summary>The latest quote's spread is beyond the engine's spread filter.</summary>
    public bool IsWide(string symbol) =>
        Market.QuoteOf(symbol) is { } quote && (quote.Ask - quote.Bid) / quote.Mid * 10_000m > Engine.MaxSpreadBps;

    /// <summary>What a careful strategy checks before an entry: fresh, and a spread the engine accepts.</summary>
    public bool IsTradeable(string symbol) => IsFresh(symbol) && !IsWide(symbol);

    /// <summary>The feed has said nothing for longer than the engine's quote age: its last quote is stale.</summary>
    public bool IsQuiet(string symbol) => QuoteAge(symbol) is { } age && age > Engine.MaxQuoteAge + QuietMargin;

    public bool IsFlat => Account.Positions.Count == 0;

    /// <summary>A stop, trailing stop or flatten is already taking the position off: nothing to add.</summary>
    public bool IsExiting => Account.Positions.Any(p => p.StopStatus == StopStatus.Exiting);

    public bool IsCoolingDown => Account.CooldownUntil is { } until && until > Now;

    public string? HeldSymbol => Account.ActiveSymbol ?? Account.Positions.FirstOrDefault()?.Symbol;

    public decimal OpenQuantity => Account.Positions.Sum(p => p.Quantity);

    /// <summary>Since the oldest open position was opened.</summary>
    public TimeSpan HeldFor => IsFlat ? TimeSpan.Zero : Now - Account.Positions.Min(p => p.OpenedAt);

    /// <summary>Unrealized PnL as a fraction of what the open positions cost.</summary>
    public decimal UnrealizedReturn
    {
        get
        {
            var cost = Account.Positions.Sum(p => p.Quantity * p.EntryPrice);
            return cost == 0 ? 0 : Account.Positions.Sum(p => p.UnrealizedPnl) / cost;
        }
    }

    /// <summary>Closes everything held (a VA holds one symbol, one side).</summary>
    public DemoOrder? CloseAll(string why)
    {
        if (IsFlat)
        {
            return null;
        }

        var first = Account.Positions[0];
        var side = first.Side == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;
        return new DemoOrder(first.Symbol, side, OpenQuantity, SignalAction.Close, why);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
