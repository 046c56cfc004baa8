namespace OrleansTrading.Abstractions;

/// <summary>
/// A limit that blocks the account's entries right now: <c>dailyLossLimit</c> (until the next trading day),
/// <c>maxDrawdown</c> (until an operator resets it: no <see cref="Until"/>), <c>stopLossGuard</c> (one symbol, until its
/// expiry) or <c>rateLimited</c> (until the sliding minute has room).
/// </summary>
[GenerateSerializer, Immutable, Alias("trading.LimitLock")]
public sealed record LimitLock(
    [property: Id(0)] RejectionReason Reason,
    [property: Id(1)] string? Symbol,
    [property: Id(2)] DateTimeOffset? Until,
    [property: Id(3)] string Detail);
