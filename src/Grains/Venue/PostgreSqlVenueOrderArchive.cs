using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using OrleansTrading.Abstractions.Json;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Grains.Venue;

/// <summary>The paper venue's archive in the cluster's PostgreSQL database (<c>venue_orders</c>).</summary>
public sealed class PostgreSqlVenueOrderArchive(PostgreSqlDatabase database) : IVenueOrderArchive
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

        database.Status.ThrowIfUnavailable();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var report in finished)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO venue_orders
                    (account_id, client_order_id, symbol, side, quantity, status, filled_quantity, finished_at, report)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING;
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = accountId });
            command.Parameters.Add(new NpgsqlParameter { Value = report.Order.ClientOrderId });
            command.Parameters.Add(new NpgsqlParameter { Value = report.Order.Symbol });
            command.Parameters.Add(new NpgsqlParameter { Value = WireName.Of(report.Order.Side) });
            command.Parameters.Add(new NpgsqlParameter { Value = report.Order.Quantity });
            command.Parameters.Add(new NpgsqlParameter { Value = WireName.Of(report.Status) });
            command.Parameters.Add(new NpgsqlParameter { Value = report.FilledQuantity });
            command.Parameters.Add(new NpgsqlParameter { Value = report.UpdatedAt.UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(report, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
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

        database.Status.ThrowIfUnavailable();
        await using var command = database.DataSource.CreateCommand(
            "SELECT report::text FROM venue_orders WHERE account_id = $1 AND client_order_id = ANY($2);");
        command.Parameters.Add(new NpgsqlParameter { Value = accountId });
        command.Parameters.Add(new NpgsqlParameter { Value = clientOrderIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(JsonSerializer.Deserialize<VenueOrderReport>(reader.GetString(0), Json)!);
        }

        return found;
    }
}
