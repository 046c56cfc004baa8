using OrleansTrading.Abstractions;
using OrleansTrading.Client.Connection;

namespace OrleansTrading.Client.Tests.Support;

/// <summary>An in-memory engine: answers with canned results and records what the client sent.</summary>
public sealed class FakeEngine : ITradingEngine
{
    public AccountCreation? Creation { get; set; }
    public List<AccountSnapshot> Accounts { get; } = [];
    public SignalDecision Decision { get; set; } = new(SignalStatus.Accepted, OrderId: "sig-1", FilledQuantity: 1m, AveragePrice: 100m, StopLossPrice: 98m);
    public Quote? StoredQuote { get; set; }
    public KillSwitchStatus KillSwitch { get; set; } = new(KillSwitchState.Active, null, null);
    public FlattenResult FlattenResult { get; set; } = new(0, 0, []);

    /// <summary>The journal pages per account; an account missing here does not exist.</summary>
    public Dictionary<string, Page<OrderHistory>> OrderPages { get; } = [];
    public Dictionary<string, Page<TradeRecord>> TradePages { get; } = [];

    public List<(string AccountId, TradeSignal Signal)> Signals { get; } = [];
    public List<Quote> PublishedQuotes { get; } = [];
    public List<(string AccountId, decimal Balance)> Created { get; } = [];
    public List<(string AccountId, int Offset, int Limit)> PageRequests { get; } = [];
    public int Flattens { get; private set; }
    public bool Disposed { get; private set; }

    /// <summary>When set, submitting a signal throws this, as a failing grain call would.</summary>
    public Exception? SignalFailure { get; set; }

    public Task<AccountCreation> CreateAccountAsync(string accountId, decimal initialBalance, CancellationToken cancellationToken)
    {
        Created.Add((accountId, initialBalance));
        return Task.FromResult(Creation ?? new AccountCreation(true, Snapshots.Account(accountId, initialBalance)));
    }

    public Task<IReadOnlyList<AccountSnapshot>> ListAccountsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AccountSnapshot>>(Accounts);

    public Task<AccountSnapshot?> GetAccountAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult(Accounts.FirstOrDefault(a => a.AccountId == accountId));

    public Task<Page<OrderHistory>?> GetOrdersAsync(string accountId, int offset, int limit, CancellationToken cancellationToken)
    {
        PageRequests.Add((accountId, offset, limit));
        return Task.FromResult(OrderPages.GetValueOrDefault(accountId));
    }

    public Task<Page<TradeRecord>?> GetTradesAsync(string accountId, int offset, int limit, CancellationToken cancellationToken)
    {
        PageRequests.Add((accountId, offset, limit));
        return Task.FromResult(TradePages.GetValueOrDefault(accountId));
    }

    public Dictionary<string, Page<DecisionRecord>> DecisionPages { get; } = [];
    public List<DecisionRecord> LatestDecisions { get; } = [];
    public List<SignalStatus?> DecisionStatusFilters { get; } = [];

    public Task<Page<DecisionRecord>?> GetDecisionsAsync(string accountId, int offset, int limit, SignalStatus? status, CancellationToken cancellationToken)
    {
        PageRequests.Add((accountId, offset, limit));
        DecisionStatusFilters.Add(status);
        return Task.FromResult(DecisionPages.GetValueOrDefault(accountId));
    }

    public Task<IReadOnlyList<DecisionRecord>> GetLatestDecisionsAsync(int limit, CancellationToken cancellationToken)
    {
        PageRequests.Add(("", 0, limit));
        return Task.FromResult<IReadOnlyList<DecisionRecord>>(LatestDecisions.Take(limit).ToList());
    }

    public Task<SignalDecision> SubmitSignalAsync(string accountId, TradeSignal signal, CancellationToken cancellationToken)
    {
        Signals.Add((accountId, signal));
        return SignalFailure is null ? Task.FromResult(Decision) : Task.FromException<SignalDecision>(SignalFailure);
    }

    public Task PublishQuoteAsync(Quote quote, CancellationToken cancellationToken)
    {
        PublishedQuotes.Add(quote);
        StoredQuote = quote;
        return Task.CompletedTask;
    }

    public Task<Quote?> GetQuoteAsync(string symbol, CancellationToken cancellationToken) =>
        Task.FromResult(StoredQuote is { } q && q.Symbol == symbol ? q : null);

    public Task<KillSwitchStatus> GetKillSwitchAsync(CancellationToken cancellationToken) => Task.FromResult(KillSwitch);

    public Task<KillSwitchStatus> SetKillSwitchAsync(KillSwitchState state, string? reason, CancellationToken cancellationToken)
    {
        KillSwitch = new KillSwitchStatus(state, reason, new DateTimeOffset(2025, 1, 2, 15, 0, 0, TimeSpan.Zero));
        return Task.FromResult(KillSwitch);
    }

    /// <summary>Refuses while the kill-switch is active, as the kill-switch grain does.</summary>
    public Task<FlattenResult> FlattenAsync(CancellationToken cancellationToken)
    {
        if (KillSwitch.State == KillSwitchState.Active)
        {
            return Task.FromException<FlattenResult>(new FlattenRefusedException());
        }

        Flattens++;
        return Task.FromResult(FlattenResult);
    }

    /// <summary>Limits per account; an account missing here does not exist.</summary>
    public Dictionary<string, AccountLimits> Limits { get; } = [];
    public List<(string AccountId, LimitsChange Change)> LimitChanges { get; } = [];
    public List<(string AccountId, string Reason)> DrawdownResets { get; } = [];
    public PortfolioSummary? Portfolio { get; set; }

    public Task<AccountLimits?> GetLimitsAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult(Limits.GetValueOrDefault(accountId));

    public Task<AccountLimits?> UpdateLimitsAsync(string accountId, LimitsChange change, CancellationToken cancellationToken)
    {
        LimitChanges.Add((accountId, change));
        return Task.FromResult(Limits.GetValueOrDefault(accountId));
    }

    public Task<AccountLimits?> ResetDrawdownAsync(string accountId, string reason, CancellationToken cancellationToken)
    {
        DrawdownResets.Add((accountId, reason));
        return Task.FromResult(Limits.GetValueOrDefault(accountId));
    }

    public Task<PortfolioSummary> GetPortfolioAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Portfolio ?? throw new InvalidOperationException("No portfolio in this fake."));

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
