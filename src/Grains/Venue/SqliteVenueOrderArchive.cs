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

        var unit = new WriteUnit();
        foreach (var report in finished)
        {
            unit.Add("""
                INSERT OR IGNORE INTO venue_orders
                    (account_id, client_order_id, symbol, side, quantity, status, filled_quantity, finished_at, report)
                VALUES ($account, $order, $symbol, $side, $quantity, $status, $filled, $at, $report);
                """,
                ("$account", accountId),
                ("$order", report.Order.ClientOrderId),
                ("$symbol", report.Order.Symbol),
                ("$side", JsonNamingPolicy.CamelCase.ConvertName(report.Order.Side.ToString())),
                ("$quantity", report.Order.Quantity.ToString(CultureInfo.InvariantCulture)),
                ("$status", JsonNamingPolicy.CamelCase.ConvertName(report.Status.ToString())),
                ("$filled", report.FilledQuantity.ToString(CultureInfo.InvariantCulture)),
                ("$at", report.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)),
                ("$report", JsonSerializer.Serialize(report, Json)));
        }

        await database.Writer.WriteAsync(unit);
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
