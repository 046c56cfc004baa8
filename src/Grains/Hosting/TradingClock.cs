namespace OrleansTrading.Grains;

/// <summary>
/// The engine's clock is a keyed <see cref="TimeProvider"/>, separate from the one Orleans runs on, so tests can
/// move trading time (cooldowns, quote age, the trading window) without disturbing the runtime's own timers.
/// </summary>
public static class TradingClock
{
    public const string Key = "trading";
}
