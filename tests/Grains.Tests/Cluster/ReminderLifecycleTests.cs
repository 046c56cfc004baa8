using Microsoft.Data.Sqlite;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>
/// The reconciliation reminder is registered once when an account first trades, kept across round trips (no reminder
/// write per position), and dropped by a tick once the account has been flat for twelve intervals.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReminderLifecycleTests(ClusterFixture fixture)
{
    private readonly TradingDriver _trading = fixture.Trading;

    /// <summary>The account's reminder row's Version (0 = registered once, +1 per re-registration); null = none.</summary>
    private async Task<long?> ReminderVersionAsync(IVirtualAccountGrain account)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Version FROM OrleansRemindersTable WHERE GrainId = $grain AND ReminderName = 'reconcile'";
        command.Parameters.AddWithValue("$grain", account.GetGrainId().ToString());
        return await command.ExecuteScalarAsync() is long version ? version : null;
    }

    private Task TickAsync(IVirtualAccountGrain account) =>
        _trading.Client.GetGrain<IRemindable>(account.GetGrainId())
            .ReceiveReminder("reconcile", new TickStatus(DateTime.UtcNow, TimeSpan.FromSeconds(5), DateTime.UtcNow));

    [Fact]
    public async Task Round_trips_keep_the_one_reminder_registered_at_the_first_order()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("RL");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        Assert.Null(await ReminderVersionAsync(account));

        for (var i = 0; i < 3; i++)
        {
            AssertAccepted(await _trading.OpenAsync(account, symbol));
            Assert.Equal(0, await ReminderVersionAsync(account));
            AssertAccepted(await _trading.CloseAsync(account, symbol));
            Assert.Equal(0, await ReminderVersionAsync(account));
        }
    }

    [Fact]
    public async Task A_flat_account_drops_its_reminder_after_twelve_quiet_ticks_and_registers_again_when_it_trades()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("RD");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol));

        for (var i = 0; i < 12; i++)
        {
            await TickAsync(account); // exposed: every tick keeps it
        }

        Assert.NotNull(await ReminderVersionAsync(account));
        AssertAccepted(await _trading.CloseAsync(account, symbol));
        for (var i = 0; i < 11; i++)
        {
            await TickAsync(account);
        }

        Assert.NotNull(await ReminderVersionAsync(account));
        await TickAsync(account);
        Assert.Null(await ReminderVersionAsync(account));

        AssertAccepted(await _trading.OpenAsync(account, symbol));
        Assert.NotNull(await ReminderVersionAsync(account));
    }
}
