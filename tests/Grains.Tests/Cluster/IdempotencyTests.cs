using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class IdempotencyTests(ClusterFixture fixture)
{
    private readonly TradingDriver _trading = fixture.Trading;

    [Fact]
    public async Task Resending_an_accepted_signal_returns_the_first_decision_and_trades_nothing()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("ID");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        var first = await _trading.OpenAsync(account, symbol, signalId: "same-id");

        await _trading.PublishQuoteAsync(symbol, 101m, 101.05m);
        var again = await _trading.OpenAsync(account, symbol, signalId: "same-id");

        Assert.Equal(first, again);
        Assert.Single((await account.GetSnapshotAsync())!.Positions);
    }

    [Fact]
    public async Task Resending_a_rejected_signal_returns_the_first_rejection_even_when_it_would_now_pass()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("IR");
        var first = await _trading.OpenAsync(account, symbol, signalId: "rejected-once");
        AssertRejected(first, RejectionReason.NoQuote);

        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        Assert.Equal(first, await _trading.OpenAsync(account, symbol, signalId: "rejected-once"));
        Assert.Empty((await account.GetSnapshotAsync())!.Positions);
    }

    [Fact]
    public async Task Creating_an_existing_account_changes_nothing()
    {
        var account = await _trading.CreateAccountAsync(balance: 5_000m);
        var again = await account.CreateAsync(1m);
        Assert.False(again.Created);
        Assert.Equal(5_000m, again.Snapshot.Balance);
    }

    [Fact]
    public async Task Every_created_account_is_listed_by_the_directory()
    {
        var ids = new[] { NewId("dir"), NewId("dir") };
        foreach (var id in ids)
        {
            await _trading.CreateAccountAsync(id);
        }

        var listed = await _trading.Client.AccountDirectory().ListAsync();
        Assert.Subset(listed.ToHashSet(), ids.ToHashSet());
    }
}
