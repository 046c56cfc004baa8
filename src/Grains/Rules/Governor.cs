using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary>Account-level governance: kill-switch, cooldown, one symbol per VA, position cap.</summary>
public static class Governor
{
    public static Denial? CheckKillSwitchForEntry(KillSwitchState state) => state switch
    {
        KillSwitchState.Active => null,
        KillSwitchState.ReduceOnly => new(RejectionReason.KillSwitch, "Kill-switch is reduceOnly: entries are blocked."),
        _ => new(RejectionReason.KillSwitch, "Kill-switch is halted: trading is stopped."),
    };

    /// <summary>Exits are blocked only when the kill-switch is halted.</summary>
    public static Denial? CheckKillSwitchForExit(KillSwitchState state) =>
        state == KillSwitchState.Halted
            ? new(RejectionReason.KillSwitch, "Kill-switch is halted: trading is stopped.")
            : null;

    public static Denial? CheckCooldown(DateTimeOffset? cooldownUntil, DateTimeOffset now) =>
        cooldownUntil is { } until && now < until
            ? new(RejectionReason.Cooldown, $"Cooling down after consecutive losses until {until:O}.")
            : null;

    /// <summary>A VA trades one symbol at a time and is either long or short, never both.</summary>
    public static Denial? CheckSymbolLock(string symbol, PositionSide side, IReadOnlyList<OpenPosition> positions)
    {
        foreach (var position in positions)
        {
            if (!string.Equals(position.Symbol, symbol, StringComparison.Ordinal))
            {
                return new(RejectionReason.SymbolLocked, $"Account holds a position in {position.Symbol}; close it before trading {symbol}.");
            }

            if (position.Side != side)
            {
                return new(RejectionReason.SymbolLocked, $"Account is {position.Side.ToString().ToLowerInvariant()} {symbol}; close before opening the other side.");
            }
        }

        return null;
    }

    public static Denial? CheckMaxOpenPositions(int openPositions, int maxOpenPositions) =>
        openPositions >= maxOpenPositions
            ? new(RejectionReason.MaxOpenPositions, $"Account already has {openPositions} open positions (max {maxOpenPositions}).")
            : null;
}
