using Microsoft.Data.Sqlite;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>
/// A signal id is the account's idempotency key forever: long after it left the in-memory cache, and after a
/// restart, a re-send returns the first decision and trades nothing; different content under it is refused.
/// </summary>
public sealed class DurableIdempotencyTests : IDisposable
{
    private const int RoundTrips = 1_000;
    private readonly TempDatabase _database = new();
    private readonly TestClock _clock = new(TestClock.InsideTradingWindow);

    [Fact]
    public async Task A_signal_id_resent_after_a_thousand_round_trips_and_a_restart_returns_its_first_decision_and_trades_nothing()
    {
        SignalDecision firstOpen, firstRejection;
        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock))
        {
            var trading = new TradingDriver(cluster.Client, _clock);
            var account = await trading.CreateAccountAsync("busy-va");
            firstRejection = await trading.OpenAsync(account, "BUSY", signalId: "first-rejected");
            AssertRejected(firstRejection, RejectionReason.NoQuote);
            await trading.PublishQuoteAsync("BUSY", 100m, 100.05m);
            firstOpen = await trading.OpenAsync(account, "BUSY", quantity: 10m, signalId: "first-open");
            AssertAccepted(firstOpen);
            await trading.PublishQuoteAsync("BUSY", 100.10m, 100.15m);
            AssertAccepted(await trading.CloseAsync(account, "BUSY", quantity: 10m, signalId: "first-close"));

            for (var i = 0; i < RoundTrips; i++)
            {
                await WinningRoundTripAsync(trading, account, "BUSY", i);
            }

            // Long out of the in-memory cache: answered from the journal.
            await trading.PublishQuoteAsync("BUSY", 100m, 100.05m);
            Assert.Equal(firstOpen, await trading.OpenAsync(account, "BUSY", quantity: 10m, signalId: "first-open"));
            Assert.Equal(firstRejection, await trading.OpenAsync(account, "BUSY", signalId: "first-rejected"));
            Assert.Empty((await account.GetSnapshotAsync())!.Positions);
        }

        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock))
        {
            var trading = new TradingDriver(cluster.Client, _clock);
            var account = cluster.Client.Account("busy-va");
            await trading.PublishQuoteAsync("BUSY", 100m, 100.05m);
            var before = (await account.GetSnapshotAsync())!;

            Assert.Equal(firstOpen, await trading.OpenAsync(account, "BUSY", quantity: 10m, signalId: "first-open"));
            Assert.Equal(firstRejection, await trading.OpenAsync(account, "BUSY", signalId: "first-rejected"));

            var after = (await account.GetSnapshotAsync())!;
            Assert.Empty(after.Positions);
            Assert.Equal(before.Balance, after.Balance);
            Assert.Equal(before.Wins + before.Losses, after.Wins + after.Losses);
            var orders = await account.GetOrdersAsync(0, 1);
            Assert.Equal(2 + (2 * RoundTrips), orders!.Total); // no order was sent for the re-sends
        }
    }

    [Fact]
    public async Task A_known_signal_id_with_different_content_is_refused_naming_the_first_decision_and_the_fields_also_after_a_restart()
    {
        SignalDecision first;
        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock))
        {
            var trading = new TradingDriver(cluster.Client, _clock);
            var account = await trading.CreateAccountAsync("conflict-va");
            await trading.PublishQuoteAsync("CONF", 100m, 100.05m);
            first = await trading.OpenAsync(account, "CONF", quantity: 10m, signalId: "key-1");
            AssertAccepted(first);

            var conflict = await Assert.ThrowsAsync<SignalIdConflictException>(() =>
                trading.OpenAsync(account, "CONF", quantity: 11m, signalId: "key-1"));
            Assert.Equal(["quantity"], conflict.DifferingFields);
            Assert.Equal(first, conflict.FirstDecision.Decision);
            Assert.Contains("key-1", conflict.Message, StringComparison.Ordinal);
            Assert.Single((await account.GetSnapshotAsync())!.Positions);
        }

        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock))
        {
            var trading = new TradingDriver(cluster.Client, _clock);
            var account = cluster.Client.Account("conflict-va");
            await trading.PublishQuoteAsync("CONF", 100m, 100.05m);

            var conflict = await Assert.ThrowsAsync<SignalIdConflictException>(() =>
                account.SubmitSignalAsync(new TradeSignal("key-1", "conf", OrderSide.Sell, 10m, SignalAction.Close)));
            Assert.Equal(["side", "action"], conflict.DifferingFields);
            Assert.Equal("CONF", conflict.FirstDecision.Symbol);
            Assert.Equal(first.OrderId, conflict.FirstDecision.OrderId);

            // The same content, symbol in another case, is a retry, not a conflict.
            Assert.Equal(first, await trading.OpenAsync(account, "conf", quantity: 10m, signalId: "key-1"));
            Assert.Single((await account.GetSnapshotAsync())!.Positions);
        }
    }

    [Fact]
    public async Task After_a_thousand_round_trips_the_stored_account_and_venue_rows_stay_small()
    {
        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock))
        {
            var trading = new TradingDriver(cluster.Client, _clock);
            var account = await trading.CreateAccountAsync("small-va");
            await trading.PublishQuoteAsync("SMALL", 100m, 100.05m);
            for (var i = 0; i < RoundTrips; i++)
            {
                await WinningRoundTripAsync(trading, account, "SMALL", i);
            }

            await trading.PublishQuoteAsync("SMALL", 100m, 100.05m);
            AssertAccepted(await trading.OpenAsync(account, "SMALL", quantity: 1m, signalId: "still-open"));
        }

        var rows = await StoredRowSizesAsync("small-va");
        Assert.Contains(rows, r => r.GrainType.Contains("account", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(rows, r => r.GrainType.Contains("venue", StringComparison.OrdinalIgnoreCase));
        Assert.All(rows, r => Assert.True(r.Bytes < 8 * 1024, $"{r.GrainType} row is {r.Bytes} bytes"));
    }

    /// <summary>Bought at the ask, sold above it: a win, so a thousand of them never trip the losses cooldown.</summary>
    private static async Task WinningRoundTripAsync(TradingDriver trading, IVirtualAccountGrain account, string symbol, int i)
    {
        await trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await trading.OpenAsync(account, symbol, quantity: 1m, signalId: $"o-{i}"));
        await trading.PublishQuoteAsync(symbol, 100.10m, 100.15m);
        AssertAccepted(await trading.CloseAsync(account, symbol, quantity: 1m, signalId: $"c-{i}"));
    }

    private async Task<List<(string GrainType, long Bytes)>> StoredRowSizesAsync(string accountId)
    {
        await using var connection = new SqliteConnection($"Data Source={_database.FilePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT GrainTypeString, length(PayloadBinary) FROM OrleansStorage WHERE GrainIdExtensionString = $id;";
        command.Parameters.AddWithValue("$id", accountId);
        var rows = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }

    public void Dispose() => _database.Dispose();
}
