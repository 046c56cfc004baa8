namespace OrleansTrading.Abstractions;

[GenerateSerializer, Immutable, Alias("trading.KillSwitchStatus")]
public sealed record KillSwitchStatus(
    [property: Id(0)] KillSwitchState State,
    [property: Id(1)] string? Reason,
    [property: Id(2)] DateTimeOffset? ChangedAt);
