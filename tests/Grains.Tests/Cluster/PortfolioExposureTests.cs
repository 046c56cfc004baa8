using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Exposure;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>
/// Many accounts racing for the last room: the portfolio limits are never exceeded, whatever the interleaving, and
/// room comes back when positions close. Symbols are per test; the gross limit is shared, so the tests run one by one.
/// </summary>
public sealed class PortfolioExposureTests(ExposureClusterFixture fixture) : IClassFixture<ExposureClusterFixture>
{
    private const decimal Filled = 10m * 100.05m; // one filled 10-share entry

    private readonly TradingDriver _trading = fixture.Trading;

    private async Task<IVirtualAccountGrain[]> AccountsAsync(int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => _trading.CreateAccountAsync()));

    private static async Task<decimal> HeldAsync(IEnumerable<IVirtualAccountGrain> accounts, string symbol)
    {
        var snapshots = await Task.WhenAll(accounts.Select(a => a.GetSnapshotAsync()));
        return snapshots.SelectMany(s => s!.Positions).Where(p => p.Symbol == symbol).Sum(p => p.Quantity * p.EntryPrice);
    }

    private async Task CloseAllAsync(IEnumerable<IVirtualAccountGrain> accounts, string symbol)
    {
        foreach (var account in accounts)
        {
            if ((await account.GetSnapshotAsync())!.Positions.Any(p => p.Symbol == symbol))
            {
                AssertAccepted(await _trading.CloseAsync(account, symbol));
            }
        }
    }

    [Fact]
    public async Task Forty_accounts_racing_for_one_symbol_never_exceed_its_limit_and_the_losers_get_portfolioExposure()
    {
        var symbol = NewId("XR");
        var accounts = await AccountsAsync(40);
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);

        var decisions = await Task.WhenAll(accounts.Select(a => _trading.OpenAsync(a, symbol)));

        var accepted = decisions.Count(d => d.Status == SignalStatus.Accepted);
        Assert.Equal(9, accepted); // 9 × 1,001.5 reserved fits 10,000; a tenth never does
        Assert.All(decisions.Where(d => d.Status == SignalStatus.Rejected), d =>
        {
            Assert.Equal(RejectionReason.PortfolioExposure, d.Reason);
            Assert.Contains("limit (Portfolio:MaxExposurePerSymbol)", d.Detail, StringComparison.Ordinal);
        });
        Assert.True(await HeldAsync(accounts, symbol) <= ExposureClusterFixture.MaxPerSymbol);
        var exposure = await Eventually.MatchesAsync(() => _trading.Client.SymbolExposure(symbol).GetAsync(),
            e => e.Gross == 9 * Filled, TimeSpan.FromSeconds(5), "the reservations to settle at the fill prices");
        Assert.Equal(9, exposure.Accounts);

        await CloseAllAsync(accounts, symbol);
        await Eventually.MatchesAsync(() => _trading.Client.SymbolExposure(symbol).GetAsync(), e => e.Gross == 0m,
            TimeSpan.FromSeconds(5), "closes to release the room");
    }

    [Fact]
    public async Task Room_released_by_a_close_goes_to_the_next_entry()
    {
        var symbol = NewId("XC");
        var accounts = await AccountsAsync(10);
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        foreach (var account in accounts[..9])
        {
            AssertAccepted(await _trading.OpenAsync(account, symbol));
        }

        AssertRejected(await _trading.OpenAsync(accounts[9], symbol), RejectionReason.PortfolioExposure);
        var journaled = (await accounts[9].GetDecisionsAsync(0, 1, SignalStatus.Rejected))!.Items.Single();
        Assert.Equal($"{symbol} exposure 9,004.5 + 1,001.5005 would exceed 10,000 limit (Portfolio:MaxExposurePerSymbol).", journaled.Detail);

        AssertAccepted(await _trading.CloseAsync(accounts[0], symbol));
        AssertAccepted(await _trading.OpenAsync(accounts[9], symbol));
        await CloseAllAsync(accounts, symbol);
    }

    [Fact]
    public async Task Accounts_racing_in_two_symbols_never_exceed_the_gross_limit_and_then_fill_it_to_the_last_entry()
    {
        var first = NewId("XG");
        var second = NewId("XH");
        var accounts = await AccountsAsync(40);
        await _trading.PublishQuoteAsync(first, 100m, 100.05m);
        await _trading.PublishQuoteAsync(second, 100m, 100.05m);

        try
        {
            var decisions = await Task.WhenAll(accounts.Select((a, i) => _trading.OpenAsync(a, i % 2 == 0 ? first : second)));

            var held = await HeldAsync(accounts, first) + await HeldAsync(accounts, second);
            Assert.True(held <= ExposureClusterFixture.MaxGross, $"held {held}");
            Assert.True(decisions.Count(d => d.Status == SignalStatus.Accepted) <= 14); // 15 × 1,000.5 > 15,000
            Assert.All(decisions.Where(d => d.Status == SignalStatus.Rejected), d => Assert.Equal(RejectionReason.PortfolioExposure, d.Reason));

            // One at a time, in whichever symbol holds less (neither reaches its own 10,000), the idle room leased to
            // the other symbol is reclaimed: exactly 14 entries fit in total.
            var waiting = new Queue<IVirtualAccountGrain>(accounts.Where((_, i) => decisions[i].Status == SignalStatus.Rejected));
            var total = decisions.Count(d => d.Status == SignalStatus.Accepted);
            while (waiting.Count > 0)
            {
                var symbol = await HeldAsync(accounts, first) <= await HeldAsync(accounts, second) ? first : second;
                var decision = await _trading.OpenAsync(waiting.Dequeue(), symbol);
                if (decision.Status == SignalStatus.Rejected)
                {
                    Assert.Equal(RejectionReason.PortfolioExposure, decision.Reason);
                    Assert.Contains("limit (Portfolio:MaxGrossExposure)", decision.Detail, StringComparison.Ordinal);
                    break;
                }

                total++;
            }

            Assert.Equal(14, total);
            Assert.True(await HeldAsync(accounts, first) + await HeldAsync(accounts, second) <= ExposureClusterFixture.MaxGross);
        }
        finally
        {
            await CloseAllAsync(accounts, first);
            await CloseAllAsync(accounts, second);
        }
    }
}
