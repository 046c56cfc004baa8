using Npgsql;
using NpgsqlTypes;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Grains.Market;

/// <summary>The durable stop index (<c>quote_watches</c>) in the cluster's PostgreSQL database.</summary>
public sealed class PostgreSqlQuoteWatchStore(PostgreSqlDatabase database) : IQuoteWatchStore
{
    public async Task ApplyAsync(string symbol, IReadOnlyList<QuoteWatchChange> changes, CancellationToken cancellationToken = default)
    {
        database.Status.ThrowIfUnavailable();
        if (changes.Count == 0)
        {
            return;
        }

        // One round trip and one transaction for the whole set (a batch runs as one implicit transaction).
        await using var batch = database.DataSource.CreateBatch();
        foreach (var change in changes)
        {
            var command = batch.CreateBatchCommand();
            if (change.Watch is { } watch)
            {
                command.CommandText =
                    "INSERT INTO quote_watches (symbol, account_id, side, stop_trigger, trail_from, all_quotes) VALUES ($1, $2, $3, $4, $5, $6) " +
                    "ON CONFLICT (symbol, account_id) DO UPDATE SET side = EXCLUDED.side, stop_trigger = EXCLUDED.stop_trigger, " +
                    "trail_from = EXCLUDED.trail_from, all_quotes = EXCLUDED.all_quotes;";
                command.Parameters.Add(new NpgsqlParameter { Value = symbol });
                command.Parameters.Add(new NpgsqlParameter { Value = change.AccountId });
                command.Parameters.Add(new NpgsqlParameter { Value = QuoteWatchColumns.Side(watch.Side) });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Numeric, Value = (object?)watch.StopTrigger ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Numeric, Value = (object?)watch.TrailFrom ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter { Value = watch.AllQuotes });
            }
            else
            {
                command.CommandText = "DELETE FROM quote_watches WHERE symbol = $1 AND account_id = $2;";
                command.Parameters.Add(new NpgsqlParameter { Value = symbol });
                command.Parameters.Add(new NpgsqlParameter { Value = change.AccountId });
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<QuoteWatch>> ListAsync(string symbol, CancellationToken cancellationToken = default)
    {
        database.Status.ThrowIfUnavailable();
        await using var command = database.DataSource.CreateCommand(
            "SELECT account_id, side, stop_trigger, trail_from, all_quotes FROM quote_watches WHERE symbol = $1;");
        command.Parameters.Add(new NpgsqlParameter { Value = symbol });
        var watches = new List<QuoteWatch>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            watches.Add(new QuoteWatch(reader.GetString(0), symbol, QuoteWatchColumns.Side(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetDecimal(2),
                reader.IsDBNull(3) ? null : reader.GetDecimal(3),
                reader.GetBoolean(4)));
        }

        return watches;
    }
}
