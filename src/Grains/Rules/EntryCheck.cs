using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary>A snapshot of everything the entry guards look at; built by the grain, judged by <see cref="EntryGuards"/>.</summary>
public sealed record EntryCheck(
    string Symbol,
    OrderSide Side,
    decimal Quantity,
    decimal Balance,
    DateTimeOffset? CooldownUntil,
    IReadOnlyList<OpenPosition> Positions,
    KillSwitchState KillSwitch,
    Quote? Quote,
    DateTimeOffset Now);
