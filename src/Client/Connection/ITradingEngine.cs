using OrleansTrading.Abstractions;

namespace OrleansTrading.Client.Connection;

/// <summary>
/// The engine operations the client offers, one per grain call. Methods throw <see cref="EngineUnavailableException"/>
/// when the cluster cannot be reached; grain validation errors surface as <see cref="ArgumentException"/>.
/// </summary>
public interface ITradingEngine : IAsyncDisposable
{
    Task<AccountCreation> CreateAccountAsync(string accountId, decimal initialBalance, CancellationToken cancellationToken);

    Task<IReadOnlyList<AccountSnapshot>> ListAccountsAsync(CancellationToken cancellationToken);

    Task<AccountSnapshot?> GetAccountAsync(string accountId, CancellationToken cancellationToken);

    Task<SignalDecision> SubmitSignalAsync(string accountId, TradeSignal signal, CancellationToken cancellationToken);

    Task PublishQuoteAsync(Quote quote, CancellationToken cancellationToken);

    Task<Quote?> GetQuoteAsync(string symbol, CancellationToken cancellationToken);

    Task<KillSwitchStatus> GetKillSwitchAsync(CancellationToken cancellationToken);

    Task<KillSwitchStatus> SetKillSwitchAsync(KillSwitchState state, string? reason, CancellationToken cancellationToken);
}
