using Microsoft.Extensions.Hosting;
using Orleans.Runtime.Messaging;
using OrleansTrading.Abstractions;

namespace OrleansTrading.Client.Connection;

/// <summary>The engine operations as grain calls through a started Orleans client; disposing stops the client.</summary>
internal sealed class OrleansTradingEngine(IHost host, IClusterClient grains, TimeSpan stopTimeout) : ITradingEngine
{
    public Task<AccountCreation> CreateAccountAsync(string accountId, decimal initialBalance, CancellationToken cancellationToken) =>
        CallAsync(() => grains.Account(accountId).CreateAsync(initialBalance), cancellationToken);

    public async Task<IReadOnlyList<AccountSnapshot>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        var ids = await CallAsync(() => grains.AccountDirectory().ListAsync(), cancellationToken);
        var snapshots = await CallAsync(() => Task.WhenAll(ids.Select(id => grains.Account(id).GetSnapshotAsync())), cancellationToken);
        return snapshots.OfType<AccountSnapshot>().ToList();
    }

    public Task<AccountSnapshot?> GetAccountAsync(string accountId, CancellationToken cancellationToken) =>
        CallAsync(() => grains.Account(accountId).GetSnapshotAsync(), cancellationToken);

    public Task<Page<OrderHistory>?> GetOrdersAsync(string accountId, int offset, int limit, CancellationToken cancellationToken) =>
        CallAsync(() => grains.Account(accountId).GetOrdersAsync(offset, limit), cancellationToken);

    public Task<Page<TradeRecord>?> GetTradesAsync(string accountId, int offset, int limit, CancellationToken cancellationToken) =>
        CallAsync(() => grains.Account(accountId).GetTradesAsync(offset, limit), cancellationToken);

    public Task<Page<DecisionRecord>?> GetDecisionsAsync(string accountId, int offset, int limit, SignalStatus? status, CancellationToken cancellationToken) =>
        CallAsync(() => grains.Account(accountId).GetDecisionsAsync(offset, limit, status), cancellationToken);

    public Task<IReadOnlyList<DecisionRecord>> GetLatestDecisionsAsync(int limit, CancellationToken cancellationToken) =>
        CallAsync(() => grains.DecisionFeed().GetLatestAsync(limit), cancellationToken);

    public Task<SignalDecision> SubmitSignalAsync(string accountId, TradeSignal signal, CancellationToken cancellationToken) =>
        CallAsync(() => grains.Account(accountId).SubmitSignalAsync(signal), cancellationToken);

    public Task PublishQuoteAsync(Quote quote, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            await grains.MarketData(quote.Symbol).PublishQuoteAsync(quote);
            return true;
        }, cancellationToken);

    public Task<Quote?> GetQuoteAsync(string symbol, CancellationToken cancellationToken) =>
        CallAsync(() => grains.MarketData(symbol).GetQuoteAsync(), cancellationToken);

    public Task<KillSwitchStatus> GetKillSwitchAsync(CancellationToken cancellationToken) =>
        CallAsync(() => grains.KillSwitch().GetStatusAsync(), cancellationToken);

    public Task<KillSwitchStatus> SetKillSwitchAsync(KillSwitchState state, string? reason, CancellationToken cancellationToken) =>
        CallAsync(() => grains.KillSwitch().SetStateAsync(state, reason), cancellationToken);

    public async Task<FlattenResult> FlattenAsync(CancellationToken cancellationToken)
    {
        // Checked first, as the HTTP API does, so the usual refusal does not depend on how an exception crosses the wire.
        if ((await GetKillSwitchAsync(cancellationToken)).State == KillSwitchState.Active)
        {
            throw new FlattenRefusedException();
        }

        try
        {
            return await CallAsync(() => grains.KillSwitch().FlattenAsync(), cancellationToken);
        }
        catch (InvalidOperationException ex) when (ex.GetType() == typeof(InvalidOperationException))
        {
            // The kill-switch was set back to active between the two calls: the grain refuses with exactly this type
            // (subclasses such as ObjectDisposedException are client failures, not refusals).
            throw new FlattenRefusedException(ex.Message, ex);
        }
    }

    public Task<AccountLimits?> GetLimitsAsync(string accountId, CancellationToken cancellationToken) =>
        CallAsync(() => grains.Account(accountId).GetLimitsAsync(), cancellationToken);

    public Task<AccountLimits?> UpdateLimitsAsync(string accountId, LimitsChange change, CancellationToken cancellationToken) =>
        CallAsync(() => grains.Account(accountId).UpdateLimitsAsync(change), cancellationToken);

    public Task<AccountLimits?> ResetDrawdownAsync(string accountId, string reason, CancellationToken cancellationToken) =>
        CallAsync(() => grains.Account(accountId).ResetDrawdownAsync(reason), cancellationToken);

    public Task<PortfolioSummary> GetPortfolioAsync(CancellationToken cancellationToken) =>
        CallAsync(() => grains.Portfolio().GetSummaryAsync(), cancellationToken);

    public ValueTask DisposeAsync() => new(StopQuietlyAsync(host, stopTimeout));

    /// <summary>Stops and disposes the client host without throwing: the command's result is already known.</summary>
    internal static async Task StopQuietlyAsync(IHost host, TimeSpan timeout)
    {
        try
        {
            using var stop = new CancellationTokenSource(timeout);
            await host.StopAsync(stop.Token).WaitAsync(timeout);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or OrleansException or ObjectDisposedException)
        {
            // The gateway may already be gone; there is nothing left to release but the host itself.
        }

        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }

    private static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException or GatewayTooBusyException)
        {
            throw new EngineUnavailableException($"The connection to the cluster failed during the call: {ex.Message}", ex);
        }
        catch (TimeoutException ex)
        {
            throw new EngineUnavailableException($"The cluster did not answer in time: {ex.Message}", ex);
        }
    }
}
