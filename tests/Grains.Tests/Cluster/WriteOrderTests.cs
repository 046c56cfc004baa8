using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Venue;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>
/// The journal batch and the grain state that counts it journaled are queued together, the venue's archive batch and
/// the book without the archived orders too: when the first write fails (a trigger refuses it here), the second is
/// never stored, so state never claims what the journal or the archive does not hold, and a retry finds it all again.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WriteOrderTests(ClusterFixture fixture)
{
    private readonly TradingDriver _trading = fixture.Trading;

    private void Refuse(string trigger, string table, string condition) => TempDatabase.Execute(fixture.DatabasePath,
        $"CREATE TRIGGER {trigger} BEFORE INSERT ON {table} WHEN {condition} BEGIN SELECT RAISE(ABORT, 'refused by {trigger}'); END;");

    private void Allow(string trigger) => TempDatabase.Execute(fixture.DatabasePath, $"DROP TRIGGER {trigger};");

    [Fact]
    public async Task A_decision_whose_journal_batch_fails_leaves_its_state_unwritten_and_the_retry_resumes_the_same_order()
    {
        var account = await _trading.CreateAccountAsync();
        var id = account.GetPrimaryKeyString();
        var symbol = NewId("WO");
        var signalId = NewId("refused-sig");
        await _trading.PublishQuoteAsync(symbol, 99.95m, 100m);

        Refuse("refuse_decision", "journal_decisions", $"NEW.signal_id = '{signalId}'");
        try
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => _trading.OpenAsync(account, symbol, signalId: signalId));
            Assert.Contains("refused by refuse_decision", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Allow("refuse_decision");
        }

        // The account reloads what was stored: the order pending, none of the venue's fill applied.
        var stored = (await account.GetSnapshotAsync())!;
        Assert.Empty(stored.Positions);
        Assert.Equal(100_000m, stored.Balance);
        var pending = Assert.Single((await fixture.Journal.GetOrdersAsync(id, 0, 10)).Items);
        Assert.Equal(OrderStatus.Pending, pending.Order.Status);
        Assert.Empty((await fixture.Journal.GetDecisionsAsync(id, 0, 10, null)).Items);

        var retry = await _trading.OpenAsync(account, symbol, signalId: signalId);

        AssertAccepted(retry);
        Assert.Equal(pending.Order.OrderId, retry.OrderId);
        Assert.Equal(10m, Assert.Single((await account.GetSnapshotAsync())!.Positions).Quantity);
        Assert.Equal(retry.OrderId, Assert.Single((await fixture.Journal.GetDecisionsAsync(id, 0, 10, null)).Items).Decision.OrderId);
    }

    [Fact]
    public async Task A_venue_whose_archive_batch_fails_keeps_its_stored_book_and_archives_it_all_with_the_next_order()
    {
        var account = await _trading.CreateAccountAsync();
        var id = account.GetPrimaryKeyString();
        var symbol = NewId("WV");
        await _trading.PublishQuoteAsync(symbol, 99.95m, 100m);
        // Twice the kept number of finished orders stay in the venue's book; one more sends the older ones to the archive.
        for (var i = 0; i < PaperVenueGrain.FinishedOrdersKept; i++)
        {
            await _trading.PublishQuoteAsync(symbol, 99.95m, 100m);
            AssertAccepted(await _trading.OpenAsync(account, symbol));
            await _trading.PublishQuoteAsync(symbol, 101m, 101.05m); // winning round trips: no loss cooldown
            AssertAccepted(await _trading.CloseAsync(account, symbol));
        }

        await _trading.PublishQuoteAsync(symbol, 99.95m, 100m);

        var venue = fixture.Cluster.Client.GetGrain<IPaperVenueGrain>(id);
        var bookBefore = (await venue.GetReportAsync()).Orders.Select(o => o.Order.ClientOrderId).Order().ToList();
        Assert.Equal(2 * PaperVenueGrain.FinishedOrdersKept, bookBefore.Count);

        Refuse("refuse_archive", "venue_orders", $"NEW.account_id = '{id}'");
        try
        {
            // The venue cannot store the order: the account hears nothing and leaves the order to reconciliation.
            var unanswered = await _trading.OpenAsync(account, symbol);
            Assert.Equal(0m, unanswered.FilledQuantity ?? 0m);
        }
        finally
        {
            Allow("refuse_archive");
        }

        // The venue reloads its stored book: the same orders, none archived away, the refused order not in it.
        var bookAfter = (await venue.GetReportAsync()).Orders.Select(o => o.Order.ClientOrderId).Order().ToList();
        Assert.Equal(bookBefore, bookAfter);
        Assert.Equal(0m, (await venue.GetReportAsync()).NetPositions.GetValueOrDefault(symbol));

        AssertAccepted(await _trading.OpenAsync(account, symbol));
        var archived = await venue.GetReportAsync(bookBefore);
        Assert.Equal(bookBefore, archived.Orders.Select(o => o.Order.ClientOrderId).Where(bookBefore.Contains).Order().ToList());
        Assert.True((await venue.GetReportAsync()).Orders.Count <= PaperVenueGrain.FinishedOrdersKept + 1,
            "the older finished orders left the book for the archive");
    }
}
