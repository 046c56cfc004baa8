using Npgsql;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Grains.Reconciliation;

/// <summary>The reconciliation shards' account lists in the cluster's PostgreSQL database.</summary>
public sealed class PostgreSqlMonitoredAccounts(PostgreSqlDatabase database) : IMonitoredAccounts
{
    public Task AddAsync(string accountId, int shard, CancellationToken cancellationToken = default) =>
        ExecuteAsync("INSERT INTO monitored_accounts (account_id, shard) VALUES ($1, $2) ON CONFLICT DO NOTHING;", cancellationToken, accountId, shard);

    public Task RemoveAsync(string accountId, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM monitored_accounts WHERE account_id = $1;", cancellationToken, accountId);

    public async Task<IReadOnlyList<string>> ListAsync(int shard, CancellationToken cancellationToken = default)
    {
        database.Status.ThrowIfUnavailable();
        await using var command = database.DataSource.CreateCommand("SELECT account_id FROM monitored_accounts WHERE shard = $1;");
        command.Parameters.Add(new NpgsqlParameter { Value = shard });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        database.Status.ThrowIfUnavailable();
        await using var command = database.DataSource.CreateCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
