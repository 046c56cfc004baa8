namespace OrleansTrading.Abstractions;

/// <summary>
/// A journaled change of an account's limits or of what they block: a limit tripped (<c>dailyLossLimit</c>,
/// <c>maxDrawdown</c>, <c>stopLossGuard</c>), overrides changed (<c>limitsChanged</c>), an operator's drawdown reset
/// (<c>drawdownReset</c>, with the operator's reason).
/// </summary>
[GenerateSerializer, Immutable, Alias("trading.LimitEvent")]
public sealed record LimitEvent(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string EventId,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Detail,
    [property: Id(4)] DateTimeOffset At);

/// <summary>The kinds of <see cref="LimitEvent"/>.</summary>
public static class LimitEventKinds
{
    public const string DailyLossLimit = "dailyLossLimit";
    public const string MaxDrawdown = "maxDrawdown";
    public const string StopLossGuard = "stopLossGuard";
    public const string LimitsChanged = "limitsChanged";
    public const string DrawdownReset = "drawdownReset";
}
