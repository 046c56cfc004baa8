using OrleansTrading.Abstractions;

namespace OrleansTrading.Dashboard.Live;

/// <summary>What the pages read from the grains. The dashboard holds no copy of the engine's rules: it only reads and asks.</summary>
public sealed class TradingReader(IClusterClient client)
{
    public async Task<IReadOnlyList<AccountSnapshot>> ListAccountsAsync()
    {
        var ids = await client.AccountDirectory().ListAsync();
        var snapshots = await Task.WhenAll(ids.Select(id => client.Account(id).GetSnapshotAsync()));
        return snapshots.OfType<AccountSnapshot>().ToList();
    }

    public Task<AccountSnapshot?> GetAccountAsync(string accountId) => client.Account(accountId).GetSnapshotAsync();

    public Task<IReadOnlyList<DecisionRecord>> GetLatestDecisionsAsync(int limit) => client.DecisionFeed().GetLatestAsync(limit);

    public Task<KillSwitchStatus> GetKillSwitchAsync() => client.KillSwitch().GetStatusAsync();

    public Task<Page<TradeRecord>?> GetTradesAsync(string accountId, int limit) => client.Account(accountId).GetTradesAsync(0, limit);

    public Task<Page<OrderHistory>?> GetOrdersAsync(string accountId, int limit) => client.Account(accountId).GetOrdersAsync(0, limit);

    public Task<Page<DecisionRecord>?> GetDecisionsAsync(string accountId, int limit) => client.Account(accountId).GetDecisionsAsync(0, limit, null);

    public Task<EngineSettings> GetSettingsAsync() => client.EngineInfo().GetSettingsAsync();

    public Task<AccountLimits?> GetLimitsAsync(string accountId) => client.Account(accountId).GetLimitsAsync();

    public Task<PortfolioSummary> GetPortfolioAsync() => client.Portfolio().GetSummaryAsync();
}
