using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary>
/// The checks a <c>close</c> signal passes, in order; the first denial wins. Exits reduce risk, so only a halted
/// kill-switch blocks them and quote age never does; they still need something to close and a quote. A stale quote
/// only delays the fill: the venue fills nothing from it, so the exit works until a fresh one arrives.
/// </summary>
public static class ExitChecks
{
    public static Denial? Evaluate(ExitCheck check) =>
        Governor.CheckKillSwitchForExit(check.KillSwitch)
        ?? CheckSomethingOpen(check)
        ?? CheckSomethingLeftToClose(check)
        ?? CheckPriced(check);

    public static Denial? CheckSomethingOpen(ExitCheck check) =>
        check.Positions.Any(check.IsReduced)
            ? null
            : new(RejectionReason.NoOpenPosition,
                $"No open {check.ReducedSide.ToString().ToLowerInvariant()} position in {check.Symbol} for a {check.Side.ToString().ToLowerInvariant()} to close.");

    public static Denial? CheckSomethingLeftToClose(ExitCheck check) =>
        check.Closable > 0
            ? null
            : new(RejectionReason.NoOpenPosition, $"Every open {check.Symbol} position is already being closed.");

    public static Denial? CheckPriced(ExitCheck check) =>
        check.Quote is not null
            ? null
            : new(RejectionReason.NoQuote, $"No quote for {check.Symbol}: the exit cannot be priced.");
}
