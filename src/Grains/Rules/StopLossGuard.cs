using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary>
/// <c>stopLossGuard</c>: <c>StopLossGuard:Count</c> stop-outs (positions closed at a loss by their stop or trailing stop)
/// of one symbol within <c>StopLossGuard:Window</c> lock that symbol for the account for <c>StopLossGuard:LockFor</c>.
/// A lock starts the count afresh, as a cooldown does.
/// </summary>
public static class StopLossGuard
{
    /// <summary>Whether a closed position is a stop-out: closed by a stop or trailing stop, at a loss over all its parts.</summary>
    public static bool IsStopOut(OrderPurpose reason, decimal positionPnl) =>
        reason is OrderPurpose.StopLoss or OrderPurpose.TrailingStop && positionPnl < 0;

    /// <summary>
    /// Records a stop-out at <paramref name="at"/>. Returns the stop-outs to keep (those still inside the window, the
    /// locked symbol's cleared) and the lock it starts, if it is the Count-th of its symbol within (at − window, at].
    /// </summary>
    public static (IReadOnlyList<StopOutRecord> StopOuts, SymbolLock? Lock) Record(
        IReadOnlyList<StopOutRecord> stopOuts, string symbol, DateTimeOffset at, EffectiveLimits limits)
    {
        var kept = stopOuts.Where(s => s.At > at - limits.StopLossGuardWindow).Append(new StopOutRecord(symbol, at)).ToList();
        var ofSymbol = kept.Count(s => s.Symbol == symbol);
        if (ofSymbol < limits.StopLossGuardCount)
        {
            return (kept, null);
        }

        kept.RemoveAll(s => s.Symbol == symbol);
        return (kept, new SymbolLock(symbol, at + limits.StopLossGuardLockFor, ofSymbol, limits.StopLossGuardWindow));
    }

    /// <summary>Locks in force at <paramref name="now"/>; a lock ends exactly at its expiry.</summary>
    public static IEnumerable<SymbolLock> InForce(IEnumerable<SymbolLock> locks, DateTimeOffset now) => locks.Where(l => now < l.Until);

    public static Denial? Check(string symbol, IReadOnlyList<SymbolLock> locks, DateTimeOffset now, string zoneId) =>
        InForce(locks, now).Where(l => l.Symbol == symbol).MaxBy(l => l.Until) is { } held
            ? new(RejectionReason.StopLossGuard, Describe(held, zoneId))
            : null;

    /// <summary>"4 stop-outs in AAPL within 1 h; AAPL locked until 2026-12-01 11:30 America/New_York".</summary>
    public static string Describe(SymbolLock held, string zoneId) =>
        $"{held.StopOuts} stop-outs in {held.Symbol} within {LimitText.Duration(held.Window)} reached the stop-loss guard; " +
        $"{held.Symbol} locked until {LimitText.ExchangeTime(held.Until, zoneId)}";
}
