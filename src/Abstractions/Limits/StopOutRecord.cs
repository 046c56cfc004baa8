namespace OrleansTrading.Abstractions;

/// <summary>A position closed at a loss by its stop (or trailing stop): what the stop-loss guard counts.</summary>
[GenerateSerializer, Immutable, Alias("trading.StopOutRecord")]
public sealed record StopOutRecord(
    [property: Id(0)] string Symbol,
    [property: Id(1)] DateTimeOffset At);
