using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using OrleansTrading.Abstractions.Json;
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
                ("$side", WireName.Of(report.Order.Side)),
                ("$quantity", report.Order.Quantity.ToString(CultureInfo.InvariantCulture)),
                ("$status", WireName.Of(report.Status)),
                ("$filled", report.FilledQuantity.ToString(CultureInfo.InvariantCulture)),
                ("$at", report.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)),
                ("$report", JsonSerializer.Serialize(report, Json)));
        }

        await database.Writer.WriteAsync(unit);
    }

    /// <remarks>Asked for every new order: a kept statement on a kept reader connection (<see cref="ReaderStatements"/>).</remarks>
    public Task<IReadOnlyList<VenueOrderReport>> FindAsync(string accountId, IReadOnlyCollection<string> clientOrderIds,
        CancellationToken cancellationToken = default)
    {
        var found = new List<VenueOrderReport>();
        foreach (var id in clientOrderIds)
        {
            var rows = database.Lookups.Query("SELECT report FROM venue_orders WHERE account_id = $account AND client_order_id = $order;",
                ("$account", accountId), ("$order", id));
            if (rows.Count > 0 && rows[0][0] is string json)
            {
                found.Add(JsonSerializer.Deserialize<VenueOrderReport>(json, Json)!);
            }
        }

        return Task.FromResult<IReadOnlyList<VenueOrderReport>>(found);
    }
}
