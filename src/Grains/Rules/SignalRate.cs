using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary>
/// <c>rateLimited</c>: more than <c>MaxSignalsPerMinute</c> signals from one account in a sliding minute. Every signal
/// counts, whatever its fate, refused ones included; only entries are refused: reducing risk is always allowed.
/// </summary>
public static class SignalRate
{
    /// <param name="signalsBefore">The account's signals in the minute before this one (see <see cref="SignalWindow"/>).</param>
    public static Denial? Check(int signalsBefore, int maxPerMinute) =>
        signalsBefore >= maxPerMinute
            ? new(RejectionReason.RateLimited,
                $"signal {signalsBefore + 1} within a minute > {maxPerMinute} limit (MaxSignalsPerMinute); exits are never rate-limited.")
            : null;
}
