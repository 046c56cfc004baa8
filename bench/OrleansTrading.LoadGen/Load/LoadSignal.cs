namespace OrleansTrading.LoadGen.Load;

/// <summary>One signal the generator sends: an open is a buy of <see cref="Quantity"/>, a close sells it back.</summary>
public sealed record LoadSignal(string AccountId, string SignalId, string Symbol, bool Open, decimal Quantity = LoadSignal.DefaultQuantity)
{
    public const decimal DefaultQuantity = 10m;

    public string Side => Open ? "buy" : "sell";

    public string Action => Open ? "open" : "close";
}

public enum OutcomeKind
{
    Accepted,
    Rejected,
    Error,
}

/// <summary>What the client saw: accepted (persisted before the answer), rejected with the engine's reason, or an error.</summary>
public readonly record struct SignalOutcome(OutcomeKind Kind, string? Reason = null, decimal FilledQuantity = 0, string? Error = null)
{
    public static SignalOutcome Failed(string error) => new(OutcomeKind.Error, Error: error);
}
