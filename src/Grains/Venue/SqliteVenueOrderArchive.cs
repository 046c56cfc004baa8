using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Grains.Venue;

/// <summary>The paper venue's archive in the engine's SQLite file (<c>venue_orders</c>); writes share the write gate.</summary>
public sealed class SqliteVenueOrderArchive(SqliteDatabase database) : IVenueOrderArchive
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task AppendAsync(string accountId, IReadOnlyCollection<VenueOrderReport> finished, CancellationToken cancellationToken = default)
    {
        if (finished.Count == 0)
        {
            return;
        }

        await using var connection = (SqliteConnection)await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var report in finished)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT OR IGNORE INTO venue_orders
                    (account_id, client_order_id, symbol, side, quantity, status, filled_quantity, finished_at, report)
                VALUES ($account, $order, $symbol, $side, $quantity, $status, $filled, $at, $report);
                """;
            command.Parameters.AddWithValue("$account", accountId);
            command.Parameters.AddWithValue("$order", report.Order.ClientOrderId);
            command.Parameters.AddWithValue("$symbol", report.Order.Symbol);
            command.Parameters.AddWithValue("$side", JsonNamingPolicy.CamelCase.ConvertName(report.Order.Side.ToString()));
            command.Parameters.AddWithValue("$quantity", report.Order.Quantity.ToString(CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$status", JsonNamingPolicy.CamelCase.ConvertName(report.Status.ToString()));
            command.Parameters.AddWithValue("$filled", report.FilledQuantity.ToString(CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$at", report.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$report", JsonSerializer.Serialize(report, Json));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<VenueOrderReport>> FindAsync(string accountId, IReadOnlyCollection<string> clientOrderIds,
        CancellationToken cancellationToken = default)
    {
        var found = new List<VenueOrderReport>();
        if (clientOrderIds.Count == 0)
        {
            return found;
        }

        await using var connection = await database.OpenReaderAsync(cancellationToken);
        foreach (var id in clientOrderIds)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT report FROM venue_orders WHERE account_id = $account AND client_order_id = $order;";
            command.Parameters.AddWithValue("$account", accountId);
            command.Parameters.AddWithValue("$order", id);
            if (await command.ExecuteScalarAsync(cancellationToken) is string json)
            {
                found.Add(JsonSerializer.Deserialize<VenueOrderReport>(json, Json)!);
            }
        }

        return found;
    }
}
