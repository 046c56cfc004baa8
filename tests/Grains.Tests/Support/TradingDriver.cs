using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Tests.Support;

/// <summary>Test-side shortcuts for the calls a strategy makes, with sensible defaults.</summary>
public sealed class TradingDriver(IClusterClient client, TestClock clock)
{
    private static int _sequence;

    public IClusterClient Client => client;

    /// <summary>A fresh id so tests sharing a cluster never touch each other's accounts or symbols.</summary>
    public static string NewId(string prefix) => $"{prefix}{Interlocked.Increment(ref _sequence)}";

    public async Task<IVirtualAccountGrain> CreateAccountAsync(string? accountId = null, decimal balance = 100_000m)
    {
        var account = client.Account(accountId ?? NewId("va"));
        var creation = await account.CreateAsync(balance);
        Assert.True(creation.Created);
        return account;
    }

    public Task PublishQuoteAsync(string symbol, decimal bid, decimal ask, TimeSpan? age = null, decimal? bidSize = null, decimal? askSize = null) =>
        client.MarketData(symbol).PublishQuoteAsync(new Quote(symbol, bid, ask, clock.Now - (age ?? TimeSpan.Zero), bidSize, askSize));

    public Task<SignalDecision> OpenAsync(IVirtualAccountGrain account, string symbol, OrderSide side = OrderSide.Buy,
        decimal quantity = 10m, string? signalId = null, decimal? stopLossPercent = null, decimal? trailingStopPercent = null) =>
        account.SubmitSignalAsync(new TradeSignal(signalId ?? NewId("sig"), symbol, side, quantity, SignalAction.Open, stopLossPercent, trailingStopPercent));

    public static Task<AccountSnapshot> FlatAsync(IVirtualAccountGrain account, TimeSpan? timeout = null) =>
        Eventually.MatchesAsync(async () => (await account.GetSnapshotAsync())!, s => s.Positions.Count == 0,
            timeout ?? TimeSpan.FromSeconds(5), "the account to be flat");

    public Task<SignalDecision> CloseAsync(IVirtualAccountGrain account, string symbol, decimal quantity = 1_000_000m,
        OrderSide side = OrderSide.Sell, string? signalId = null) =>
        account.SubmitSignalAsync(new TradeSignal(signalId ?? NewId("sig"), symbol, side, quantity, SignalAction.Close));

    public Task<KillSwitchStatus> SetKillSwitchAsync(KillSwitchState state) =>
        client.KillSwitch().SetStateAsync(state, "test");

    public static void AssertRejected(SignalDecision decision, RejectionReason reason)
    {
        Assert.Equal(SignalStatus.Rejected, decision.Status);
        Assert.Equal(reason, decision.Reason);
        Assert.False(string.IsNullOrWhiteSpace(decision.Detail));
    }

    public static void AssertAccepted(SignalDecision decision)
    {
        Assert.True(decision.Status == SignalStatus.Accepted, $"Expected accepted but was {decision.Reason}: {decision.Detail}");
    }
}
