using Microsoft.Data.Sqlite;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Grains.Reconciliation;

/// <summary>The durable list of accounts each reconciliation shard watches (<c>monitored_accounts</c>) in the SQLite file.</summary>
public sealed class SqliteMonitoredAccounts(SqliteDatabase database) : IMonitoredAccounts
{
    public Task AddAsync(string accountId, int shard, CancellationToken cancellationToken = default) =>
        database.Writer.WriteAsync(new WriteUnit().Add("INSERT OR IGNORE INTO monitored_accounts (account_id, shard) VALUES ($id, $shard);",
            ("$id", accountId), ("$shard", shard)));

    public Task RemoveAsync(string accountId, CancellationToken cancellationToken = default) =>
        database.Writer.WriteAsync(new WriteUnit().Add("DELETE FROM monitored_accounts WHERE account_id = $id;", ("$id", accountId)));

    public async Task<IReadOnlyList<string>> ListAsync(int shard, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT account_id FROM monitored_accounts WHERE shard = $shard;";
        command.Parameters.AddWithValue("$shard", shard);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
