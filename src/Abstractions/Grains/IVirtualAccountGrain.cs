namespace OrleansTrading.Abstractions;

/// <summary>One strategy's virtual account (key = account id). Enforces governance on every signal.</summary>
[Alias("trading.IVirtualAccountGrain")]
public interface IVirtualAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; returns <c>Created = false</c> with the existing snapshot if it already exists.</summary>
    [Alias("CreateAsync")]
    Task<AccountCreation> CreateAsync(decimal initialBalance);

    /// <summary>Decides and (if allowed) executes a signal. The decision is persisted before it is returned.</summary>
    [Alias("SubmitSignalAsync")]
    Task<SignalDecision> SubmitSignalAsync(TradeSignal signal);

    /// <summary>The account marked to the latest quotes, or null when it was never created.</summary>
    [ReadOnly, Alias("GetSnapshotAsync")]
    Task<AccountSnapshot?> GetSnapshotAsync();

    /// <summary>Orders from the journal, newest first, with their status history; null when the account does not exist.</summary>
    [ReadOnly, Alias("GetOrdersAsync")]
    Task<Page<OrderHistory>?> GetOrdersAsync(int offset, int limit);

    /// <summary>Closed trades from the journal, newest first; null when the account does not exist.</summary>
    [ReadOnly, Alias("GetTradesAsync")]
    Task<Page<TradeRecord>?> GetTradesAsync(int offset, int limit);

    /// <summary>Decisions from the journal, newest first, optionally only accepted or only rejected; null when the account does not exist.</summary>
    [ReadOnly, Alias("GetDecisionsAsync")]
    Task<Page<DecisionRecord>?> GetDecisionsAsync(int offset, int limit, SignalStatus? status);

    /// <summary>The effective limits (default or override), their usage and the latest limit events; null when the account does not exist.</summary>
    [ReadOnly, Alias("GetLimitsAsync")]
    Task<AccountLimits?> GetLimitsAsync();

    /// <summary>
    /// Changes the account's limit overrides partially (journaled), throwing <see cref="Validation.InvalidInputException"/>
    /// for a bad value; null when the account does not exist.
    /// </summary>
    [Alias("UpdateLimitsAsync")]
    Task<AccountLimits?> UpdateLimitsAsync(LimitsChange change);

    /// <summary>
    /// An operator's reset after a <c>maxDrawdown</c> halt: the peak becomes the current equity and entries are allowed
    /// again. The reason is required and journaled. Null when the account does not exist.
    /// </summary>
    [Alias("ResetDrawdownAsync")]
    Task<AccountLimits?> ResetDrawdownAsync(string reason);
}
