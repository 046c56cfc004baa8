using Microsoft.Data.Sqlite;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Grains.Accounts;

/// <summary>The account directory's rows (<c>account_directory</c>): writes share the write gate, reads do not wait for it.</summary>
public sealed class SqliteAccountDirectory(SqliteDatabase database) : IAccountDirectoryRows
{
    public async Task AddAsync(IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken = default)
    {
        await using var connection = (SqliteConnection)await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR IGNORE INTO account_directory (account_id) VALUES ($id);";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        foreach (var accountId in accountIds)
        {
            id.Value = accountId;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT account_id FROM account_directory ORDER BY account_id;";
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
