using Microsoft.Data.Sqlite;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Grains.Accounts;

/// <summary>The account directory's rows (<c>account_directory</c>): writes go through the database's writer, reads do not wait for it.</summary>
public sealed class SqliteAccountDirectory(SqliteDatabase database) : IAccountDirectoryRows
{
    public async Task AddAsync(IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken = default)
    {
        var unit = new WriteUnit();
        foreach (var accountId in accountIds)
        {
            unit.Add("INSERT OR IGNORE INTO account_directory (account_id) VALUES ($id);", ("$id", accountId));
        }

        await database.Writer.WriteAsync(unit);
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
