using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary>A snapshot of everything the entry guards look at; built by the grain, judged by <see cref="EntryGuards"/>.</summary>
/// <param name="Risk">The account's limits and their usage.</param>
/// <param name="Exposure">
/// The portfolio exposure the entry meets; null when not known here (the grain reserves it atomically at the exposure
/// grains, in the same place in the sequence).
/// </param>
public sealed record EntryCheck(
    string Symbol,
    OrderSide Side,
    decimal Quantity,
    decimal Balance,
    DateTimeOffset? CooldownUntil,
    IReadOnlyList<OpenPosition> Positions,
    KillSwitchState KillSwitch,
    Quote? Quote,
    DateTimeOffset Now,
    AccountRisk Risk,
    ExposureView? Exposure = null);
