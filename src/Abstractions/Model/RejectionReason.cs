namespace OrleansTrading.Abstractions;

/// <summary>
/// The closed set of reasons a signal is denied by our own rules. Serialized in camelCase
/// (<c>killSwitch</c>, <c>spreadTooWide</c>, ...): these names are a public contract.
/// </summary>
[GenerateSerializer, Alias("trading.RejectionReason")]
public enum RejectionReason
{
    KillSwitch = 0,
    OutsideTradingWindow = 1,
    Cooldown = 2,
    SymbolLocked = 3,
    MaxOpenPositions = 4,
    NoQuote = 5,
    StaleQuote = 6,
    SpreadTooWide = 7,
    InsufficientFunds = 8,
    SlippageExceeded = 9,
    NoOpenPosition = 10,

    /// <summary>The account id is not known (never created).</summary>
    AccountNotFound = 11,

    /// <summary>The venue refused the order (not our rule: its own rejection).</summary>
    VenueRejected = 12,

    /// <summary>Quantity × price above <c>Trading:Limits:MaxNotionalPerOrder</c>, or quantity above <c>MaxQuantityPerOrder</c>.</summary>
    OrderTooLarge = 13,

    /// <summary>More than <c>Trading:Limits:MaxSignalsPerMinute</c> signals from the account in a sliding minute (entries only).</summary>
    RateLimited = 14,

    /// <summary>The account's loss since the start of the trading day reached <c>Trading:Limits:DailyLossPercent</c>.</summary>
    DailyLossLimit = 15,

    /// <summary>Drawdown from peak equity reached <c>Trading:Limits:MaxDrawdownPercent</c>; blocked until an operator resets it.</summary>
    MaxDrawdown = 16,

    /// <summary>The symbol is locked for the account after too many stop-outs (<c>Trading:Limits:StopLossGuard:*</c>).</summary>
    StopLossGuard = 17,

    /// <summary>Across all accounts, the symbol's or the total gross exposure would exceed <c>Trading:Limits:Portfolio:*</c>.</summary>
    PortfolioExposure = 18,
}
