using System.Globalization;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Grains.Market;

/// <summary>The durable stop index (<c>quote_watches</c>) in the SQLite file; writes go through the group commit.</summary>
public sealed class SqliteQuoteWatchStore(SqliteDatabase database) : IQuoteWatchStore
{
    public Task ApplyAsync(string symbol, IReadOnlyList<QuoteWatchChange> changes, CancellationToken cancellationToken = default)
    {
        var unit = new WriteUnit();
        foreach (var change in changes)
        {
            if (change.Watch is { } watch)
            {
                unit.Add("INSERT OR REPLACE INTO quote_watches (symbol, account_id, side, stop_trigger, trail_from, all_quotes) " +
                         "VALUES ($symbol, $account, $side, $stop, $trail, $all);",
                    ("$symbol", symbol), ("$account", change.AccountId), ("$side", QuoteWatchColumns.Side(watch.Side)),
                    ("$stop", Text(watch.StopTrigger)), ("$trail", Text(watch.TrailFrom)), ("$all", watch.AllQuotes ? 1 : 0));
            }
            else
            {
                unit.Add("DELETE FROM quote_watches WHERE symbol = $symbol AND account_id = $account;", ("$symbol", symbol), ("$account", change.AccountId));
            }
        }

        return database.Writer.WriteAsync(unit);
    }

    public async Task<IReadOnlyList<QuoteWatch>> ListAsync(string symbol, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT account_id, side, stop_trigger, trail_from, all_quotes FROM quote_watches WHERE symbol = $symbol;";
        command.Parameters.AddWithValue("$symbol", symbol);
        var watches = new List<QuoteWatch>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            watches.Add(new QuoteWatch(reader.GetString(0), symbol, QuoteWatchColumns.Side(reader.GetString(1)),
                reader.IsDBNull(2) ? null : decimal.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
                reader.IsDBNull(3) ? null : decimal.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                reader.GetInt64(4) != 0));
        }

        return watches;
    }

    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);
}
