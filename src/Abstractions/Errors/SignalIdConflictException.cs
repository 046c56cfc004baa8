namespace OrleansTrading.Abstractions;

/// <summary>
/// A signal id the account has already decided, sent again with different content. A signal id is an idempotency
/// key: the same id must mean the same signal, so the new content is refused and nothing trades. The first decision
/// and the fields that differ travel with the exception, to grain clients and (as a 409) to HTTP clients.
/// </summary>
[GenerateSerializer, Alias("trading.SignalIdConflictException")]
public sealed class SignalIdConflictException : Exception
{
    public SignalIdConflictException(DecisionRecord firstDecision, IReadOnlyList<string> differingFields)
        : base(Describe(firstDecision, differingFields))
    {
        FirstDecision = firstDecision;
        DifferingFields = [.. differingFields];
    }

    /// <summary>The decision made when the signal id was first sent, with the signal it answered.</summary>
    [Id(0)] public DecisionRecord FirstDecision { get; private set; }

    /// <summary>The signal fields (<c>symbol</c>, <c>side</c>, <c>quantity</c>, <c>action</c>) whose values differ.</summary>
    [Id(1)] public string[] DifferingFields { get; private set; }

    private static string Describe(DecisionRecord first, IReadOnlyList<string> fields) =>
        $"Signal id '{first.SignalId}' was already decided ({first.Status.ToString().ToLowerInvariant()}" +
        (first.OrderId is null ? "" : $", order {first.OrderId}") +
        $") for {first.Action.ToString().ToLowerInvariant()} {first.Side.ToString().ToLowerInvariant()} {first.Quantity} {first.Symbol}; " +
        $"this request differs in {string.Join(", ", fields)}. Nothing was traded: send a new signal id for a new signal.";
}
