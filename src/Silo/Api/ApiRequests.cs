namespace OrleansTrading.Silo.Api;

// Request bodies keep enums as strings and numbers nullable, so a missing or misspelled field is reported
// by name in a 400 ProblemDetails instead of failing inside the JSON reader.

public sealed record CreateAccountRequest(string? AccountId, decimal? InitialBalance);

public sealed record SubmitSignalRequest(
    string? SignalId,
    string? Symbol,
    string? Side,
    decimal? Quantity,
    string? Action,
    decimal? StopLossPercent,
    decimal? TrailingStopPercent);

public sealed record PublishQuoteRequest(decimal? Bid, decimal? Ask, DateTimeOffset? Timestamp, decimal? BidSize, decimal? AskSize);

public sealed record SetKillSwitchRequest(string? State, string? Reason);

public sealed record ResetDrawdownRequest(string? Reason);
