using Npgsql;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Grains.Accounts;

/// <summary>The account directory's rows in the cluster's PostgreSQL database.</summary>
public sealed class PostgreSqlAccountDirectory(PostgreSqlDatabase database) : IAccountDirectoryRows
{
    public async Task AddAsync(IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken = default)
    {
        database.Status.ThrowIfUnavailable();
        // One statement for any number of ids: unnest the array.
        await using var command = database.DataSource.CreateCommand(
            "INSERT INTO account_directory (account_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING;");
        command.Parameters.Add(new NpgsqlParameter { Value = accountIds.ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default)
    {
        database.Status.ThrowIfUnavailable();
        await using var command = database.DataSource.CreateCommand("SELECT account_id FROM account_directory ORDER BY account_id COLLATE \"C\";");
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
