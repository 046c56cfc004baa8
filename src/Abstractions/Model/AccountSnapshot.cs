namespace OrleansTrading.Abstractions;

/// <summary>
/// Everything a user sees about one virtual account, marked to the latest quotes. <see cref="Locks"/> are the limits
/// blocking its entries now (null only from a silo older than the limits).
/// </summary>
[GenerateSerializer, Immutable, Alias("trading.AccountSnapshot")]
public sealed record AccountSnapshot(
    [property: Id(0)] string AccountId,
    [property: Id(1)] decimal Balance,
    [property: Id(2)] decimal Equity,
    [property: Id(3)] decimal RealizedPnl,
    [property: Id(4)] decimal UnrealizedPnl,
    [property: Id(5)] int Wins,
    [property: Id(6)] int Losses,
    [property: Id(7)] int ConsecutiveLosses,
    [property: Id(8)] DateTimeOffset? CooldownUntil,
    [property: Id(9)] decimal PeakEquity,
    [property: Id(10)] decimal Drawdown,
    [property: Id(11)] decimal MaxDrawdown,
    [property: Id(12)] string? ActiveSymbol,
    [property: Id(13)] IReadOnlyList<PositionSnapshot> Positions,
    [property: Id(14)] decimal InitialBalance,
    [property: Id(15)] DateTimeOffset CreatedAt,
    [property: Id(16)] DateTimeOffset? LastReconciledAt = null,
    [property: Id(17)] int ReconciliationRepairs = 0,
    [property: Id(18)] IReadOnlyList<LimitLock>? Locks = null);
