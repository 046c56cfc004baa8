using Npgsql;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Json;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Grains.Journal;

/// <summary>
/// The journal in the cluster's PostgreSQL database (<c>sql/postgresql/005-journal.sql</c>): the same rows and
/// guarantees as <see cref="SqliteTradeJournal"/>, shared by every silo. A batch is one transaction sent in one round
/// trip; readers never wait for writers (MVCC), so no write gate is needed.
/// </summary>
public sealed class PostgreSqlTradeJournal(PostgreSqlDatabase database) : ITradeJournal
{
    public async Task AppendAsync(JournalBatch batch, CancellationToken cancellationToken = default)
    {
        if (batch.IsEmpty)
        {
            return;
        }

        database.Status.ThrowIfUnavailable();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var commands = new NpgsqlBatch(connection, transaction);
        foreach (var e in batch.OrderEvents)
        {
            var o = e.Order;
            Add(commands, """
                INSERT INTO journal_order_events
                    (account_id, order_id, seq, symbol, side, quantity, limit_price, reduce_only, purpose, position_id, signal_id,
                     status, filled_quantity, average_price, note, created_at, at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                ON CONFLICT DO NOTHING;
                """,
                e.AccountId, o.OrderId, e.Seq, o.Symbol, Name(o.Side), o.Quantity, o.LimitPrice, o.ReduceOnly, Name(o.Purpose),
                o.PositionId, o.SignalId, Name(o.Status), o.FilledQuantity, o.AveragePrice, e.Note, Time(o.CreatedAt), Time(e.At));
        }

        foreach (var f in batch.Fills)
        {
            Add(commands, """
                INSERT INTO journal_fills (account_id, fill_id, order_id, symbol, side, quantity, price, at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING;
                """,
                batch.AccountId, f.FillId, f.ClientOrderId, f.Symbol, Name(f.Side), f.Quantity, f.Price, Time(f.At));
        }

        foreach (var t in batch.Trades)
        {
            Add(commands, """
                INSERT INTO journal_trades
                    (account_id, trade_id, position_id, symbol, side, quantity, entry_price, exit_price, pnl, reason, order_id, opened_at, closed_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING;
                """,
                t.AccountId, t.TradeId, t.PositionId, t.Symbol, Name(t.Side), t.Quantity, t.EntryPrice, t.ExitPrice, t.Pnl,
                Name(t.Reason), t.OrderId, Time(t.OpenedAt), Time(t.ClosedAt));
        }

        foreach (var d in batch.Decisions)
        {
            Add(commands, """
                INSERT INTO journal_decisions
                    (account_id, signal_id, symbol, side, quantity, action, stop_loss_percent, trailing_stop_percent, status, reason,
                     detail, order_id, filled_quantity, average_price, stop_loss_price, realized_pnl, decided_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                ON CONFLICT (account_id, signal_id) DO UPDATE SET
                    status = excluded.status, reason = excluded.reason, detail = excluded.detail, order_id = excluded.order_id,
                    filled_quantity = excluded.filled_quantity, average_price = excluded.average_price,
                    stop_loss_price = excluded.stop_loss_price, realized_pnl = excluded.realized_pnl, decided_at = excluded.decided_at;
                """,
                d.AccountId, d.SignalId, d.Symbol, Name(d.Side), d.Quantity, Name(d.Action), d.StopLossPercent, d.TrailingStopPercent,
                Name(d.Status), d.Reason is { } reason ? Name(reason) : null, d.Detail, d.OrderId, d.FilledQuantity, d.AveragePrice,
                d.StopLossPrice, d.RealizedPnl, Time(d.DecidedAt));
        }

        foreach (var e in batch.LimitEvents ?? [])
        {
            Add(commands, """
                INSERT INTO journal_limit_events (account_id, event_id, kind, detail, at)
                VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING;
                """,
                e.AccountId, e.EventId, e.Kind, e.Detail, Time(e.At));
        }

        await commands.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<LimitEvent>> GetLimitEventsAsync(string accountId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = Command("""
            SELECT event_id, kind, detail, at FROM journal_limit_events WHERE account_id = $1
            ORDER BY at DESC, row_no DESC LIMIT $2;
            """, accountId, limit);
        var events = new List<LimitEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new LimitEvent(accountId, reader.GetString(0), reader.GetString(1), reader.GetString(2), At(reader, 3)));
        }

        return events;
    }

    private const string DecisionColumns = """
        account_id, signal_id, symbol, side, quantity, action, stop_loss_percent, trailing_stop_percent, status, reason,
        detail, order_id, filled_quantity, average_price, stop_loss_price, realized_pnl, decided_at
        """;

    public async Task<Page<DecisionRecord>> GetDecisionsAsync(string accountId, int offset, int limit, SignalStatus? status,
        CancellationToken cancellationToken = default)
    {
        var statusName = status is { } s ? Name(s) : null;
        // A null status parameter matches every status: one statement for the filtered and the unfiltered page.
        await using var count = Command("SELECT COUNT(*) FROM journal_decisions WHERE account_id = $1 AND ($2::text IS NULL OR status = $2);",
            accountId, statusName);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        await using var command = Command($"""
            SELECT {DecisionColumns} FROM journal_decisions WHERE account_id = $1 AND ($4::text IS NULL OR status = $4)
            ORDER BY decided_at DESC, row_no DESC LIMIT $2 OFFSET $3;
            """, accountId, limit, offset, statusName);
        return new Page<DecisionRecord>(await ReadDecisionsAsync(command, cancellationToken), offset, limit, total);
    }

    public async Task<DecisionRecord?> FindDecisionAsync(string accountId, string signalId, CancellationToken cancellationToken = default)
    {
        await using var command = Command($"SELECT {DecisionColumns} FROM journal_decisions WHERE account_id = $1 AND signal_id = $2;",
            accountId, signalId);
        var found = await ReadDecisionsAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<DecisionRecord>> GetLatestDecisionsAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var command = Command($"SELECT {DecisionColumns} FROM journal_decisions ORDER BY decided_at DESC, row_no DESC LIMIT $1;", limit);
        return await ReadDecisionsAsync(command, cancellationToken);
    }

    private static async Task<List<DecisionRecord>> ReadDecisionsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var decisions = new List<DecisionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            decisions.Add(new DecisionRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                Parse<OrderSide>(reader.GetString(3)), reader.GetDecimal(4), Parse<SignalAction>(reader.GetString(5)),
                DecOrNull(reader, 6), DecOrNull(reader, 7), Parse<SignalStatus>(reader.GetString(8)),
                reader.IsDBNull(9) ? null : Parse<RejectionReason>(reader.GetString(9)),
                StringOrNull(reader, 10), StringOrNull(reader, 11),
                DecOrNull(reader, 12), DecOrNull(reader, 13), DecOrNull(reader, 14), DecOrNull(reader, 15), At(reader, 16)));
        }

        return decisions;
    }

    public async Task<Page<OrderHistory>> GetOrdersAsync(string accountId, int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var count = Command("SELECT COUNT(DISTINCT order_id) FROM journal_order_events WHERE account_id = $1;", accountId);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        await using var command = Command("""
            WITH page AS (
                SELECT order_id, MIN(created_at) AS created_at, MIN(row_no) AS first_row
                FROM journal_order_events WHERE account_id = $1
                GROUP BY order_id
                ORDER BY created_at DESC, first_row DESC
                LIMIT $2 OFFSET $3)
            SELECT e.order_id, e.seq, e.symbol, e.side, e.quantity, e.limit_price, e.reduce_only, e.purpose, e.position_id,
                   e.status, e.filled_quantity, e.average_price, e.note, e.created_at, e.at, e.signal_id
            FROM journal_order_events e JOIN page p ON p.order_id = e.order_id
            WHERE e.account_id = $1
            ORDER BY p.created_at DESC, p.first_row DESC, e.seq;
            """, accountId, limit, offset);

        var orders = new List<OrderHistory>();
        var history = new List<OrderStatusChange>();
        OrderSnapshot? current = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var orderId = reader.GetString(0);
                if (current is not null && current.OrderId != orderId)
                {
                    orders.Add(new OrderHistory(current, history));
                    history = [];
                }

                var status = Parse<OrderStatus>(reader.GetString(9));
                var at = At(reader, 14);
                var filled = reader.GetDecimal(10);
                history.Add(new OrderStatusChange(status, at, filled, StringOrNull(reader, 12)));
                current = new OrderSnapshot(orderId, reader.GetString(2), Parse<OrderSide>(reader.GetString(3)),
                    reader.GetDecimal(4), filled, DecOrNull(reader, 11), DecOrNull(reader, 5),
                    reader.GetBoolean(6), Parse<OrderPurpose>(reader.GetString(7)), status, At(reader, 13), at,
                    StringOrNull(reader, 8), StringOrNull(reader, 15));
            }
        }

        if (current is not null)
        {
            orders.Add(new OrderHistory(current, history));
        }

        return new Page<OrderHistory>(orders, offset, limit, total);
    }

    public async Task<long> GetHighestOrderNumberAsync(string accountId, CancellationToken cancellationToken = default)
    {
        // Order ids are prefix-N; the digits after the first dash, as the SQLite journal reads them.
        await using var command = Command("""
            SELECT COALESCE(MAX((regexp_match(order_id, '^[^-]*-([0-9]+)'))[1]::bigint), 0)
            FROM journal_order_events WHERE account_id = $1 AND seq = 0;
            """, accountId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<Page<TradeRecord>> GetTradesAsync(string accountId, int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var count = Command("SELECT COUNT(*) FROM journal_trades WHERE account_id = $1;", accountId);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        await using var command = Command("""
            SELECT trade_id, position_id, symbol, side, quantity, entry_price, exit_price, pnl, reason, order_id, opened_at, closed_at
            FROM journal_trades WHERE account_id = $1
            ORDER BY closed_at DESC, row_no DESC
            LIMIT $2 OFFSET $3;
            """, accountId, limit, offset);
        var trades = new List<TradeRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            trades.Add(new TradeRecord(reader.GetString(0), accountId, reader.GetString(1), reader.GetString(2),
                Parse<PositionSide>(reader.GetString(3)), reader.GetDecimal(4), reader.GetDecimal(5), reader.GetDecimal(6),
                reader.GetDecimal(7), Parse<OrderPurpose>(reader.GetString(8)), reader.GetString(9), At(reader, 10), At(reader, 11)));
        }

        return new Page<TradeRecord>(trades, offset, limit, total);
    }

    /// <summary>A command on the data source (a pooled connection for this one statement), positional parameters $1..$n.</summary>
    private NpgsqlCommand Command(string sql, params object?[] parameters)
    {
        database.Status.ThrowIfUnavailable();
        var command = database.DataSource.CreateCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    private static void Add(NpgsqlBatch batch, string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        batch.BatchCommands.Add(command);
    }

    private static decimal? DecOrNull(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDecimal(ordinal);

    private static string? StringOrNull(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>timestamptz holds microseconds: the last tenth of a microsecond of .NET's ticks is not kept.</summary>
    private static DateTimeOffset At(NpgsqlDataReader reader, int ordinal) => new(reader.GetFieldValue<DateTime>(ordinal), TimeSpan.Zero);

    private static DateTime Time(DateTimeOffset value) => value.UtcDateTime;

    private static string Name<T>(T value) where T : struct, Enum => WireName.Of(value);

    private static T Parse<T>(string value) where T : struct, Enum => Enum.Parse<T>(value, ignoreCase: true);
}
