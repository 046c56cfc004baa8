namespace OrleansTrading.Grains.Rules;

/// <summary>The running results of one account; immutable so every update is a pure function.</summary>
public sealed record PerformanceStats(
    decimal Balance,
    decimal RealizedPnl,
    int Wins,
    int Losses,
    int ConsecutiveLosses,
    DateTimeOffset? CooldownUntil,
    decimal PeakEquity,
    decimal MaxDrawdown)
{
    public static PerformanceStats Initial(decimal balance) => new(balance, 0m, 0, 0, 0, null, balance, 0m);
}
