using OrleansTrading.Abstractions;

namespace OrleansTrading.Client.Connection;

/// <summary>
/// The engine operations the client offers, one per grain call. Methods throw <see cref="EngineUnavailableException"/>
/// when the cluster cannot be reached; input the engine refuses surfaces as <see cref="Abstractions.Validation.InvalidInputException"/>.
/// </summary>
public interface ITradingEngine : IAsyncDisposable
{
    Task<AccountCreation> CreateAccountAsync(string accountId, decimal initialBalance, CancellationToken cancellationToken);

    Task<IReadOnlyList<AccountSnapshot>> ListAccountsAsync(CancellationToken cancellationToken);

    Task<AccountSnapshot?> GetAccountAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The account's orders, newest first, with their status history; null when the account does not exist.</summary>
    Task<Page<OrderHistory>?> GetOrdersAsync(string accountId, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>The account's closed trades, newest first; null when the account does not exist.</summary>
    Task<Page<TradeRecord>?> GetTradesAsync(string accountId, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>An account's decisions (accepted and rejected), newest first, optionally of one status; null when the account does not exist.</summary>
    Task<Page<DecisionRecord>?> GetDecisionsAsync(string accountId, int offset, int limit, SignalStatus? status, CancellationToken cancellationToken);

    /// <summary>The latest decisions across all accounts, newest first.</summary>
    Task<IReadOnlyList<DecisionRecord>> GetLatestDecisionsAsync(int limit, CancellationToken cancellationToken);

    Task<SignalDecision> SubmitSignalAsync(string accountId, TradeSignal signal, CancellationToken cancellationToken);

    Task PublishQuoteAsync(Quote quote, CancellationToken cancellationToken);

    Task<Quote?> GetQuoteAsync(string symbol, CancellationToken cancellationToken);

    Task<KillSwitchStatus> GetKillSwitchAsync(CancellationToken cancellationToken);

    Task<KillSwitchStatus> SetKillSwitchAsync(KillSwitchState state, string? reason, CancellationToken cancellationToken);

    /// <summary>
    /// Sends reduce-only orders closing every open position of every account. Throws <see cref="FlattenRefusedException"/>
    /// when the kill-switch is active.
    /// </summary>
    Task<FlattenResult> FlattenAsync(CancellationToken cancellationToken);

    /// <summary>An account's effective limits, their usage and its latest limit events; null when the account does not exist.</summary>
    Task<AccountLimits?> GetLimitsAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Changes some of an account's limit overrides (set, or restored to the default); null when the account does not exist.</summary>
    Task<AccountLimits?> UpdateLimitsAsync(string accountId, LimitsChange change, CancellationToken cancellationToken);

    /// <summary>Lifts a maxDrawdown halt: the peak starts again from the equity now; the reason is journaled. Null when the account does not exist.</summary>
    Task<AccountLimits?> ResetDrawdownAsync(string accountId, string reason, CancellationToken cancellationToken);

    /// <summary>Every account together: equity, PnL, today's loss and the exposure against the portfolio limits.</summary>
    Task<PortfolioSummary> GetPortfolioAsync(CancellationToken cancellationToken);
}
