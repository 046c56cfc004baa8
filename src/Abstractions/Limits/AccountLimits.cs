namespace OrleansTrading.Abstractions;

/// <summary>An account's effective limits, its usage of them, and its latest journaled limit events (newest first).</summary>
[GenerateSerializer, Immutable, Alias("trading.AccountLimits")]
public sealed record AccountLimits(
    [property: Id(0)] string AccountId,
    [property: Id(1)] AccountLimitSettings Limits,
    [property: Id(2)] LimitUsage Usage,
    [property: Id(3)] IReadOnlyList<LimitEvent> Events);
