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
}
