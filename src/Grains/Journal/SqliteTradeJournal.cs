using System.Globalization;
using Microsoft.Data.Sqlite;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Json;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Grains.Journal;

/// <summary>The journal in the engine's SQLite file, through the same serialized data source as grain storage.</summary>
public sealed class SqliteTradeJournal(SqliteDatabase database) : ITradeJournal
{
    public async Task AppendAsync(JournalBatch batch, CancellationToken cancellationToken = default)
    {
        if (batch.IsEmpty)
        {
            return;
        }

        var unit = new WriteUnit();
        foreach (var e in batch.OrderEvents)
        {
            var o = e.Order;
            unit.Add("""
                INSERT OR IGNORE INTO journal_order_events
                    (account_id, order_id, seq, symbol, side, quantity, limit_price, reduce_only, purpose, position_id, signal_id,
                     status, filled_quantity, average_price, note, created_at, at)
                VALUES ($account, $order, $seq, $symbol, $side, $quantity, $limit, $reduceOnly, $purpose, $position, $signal,
                        $status, $filled, $average, $note, $created, $at);
                """,
                ("$account", e.AccountId), ("$order", o.OrderId), ("$seq", e.Seq), ("$symbol", o.Symbol), ("$side", Name(o.Side)),
                ("$quantity", Number(o.Quantity)), ("$limit", Number(o.LimitPrice)), ("$reduceOnly", o.ReduceOnly ? 1 : 0),
                ("$purpose", Name(o.Purpose)), ("$position", o.PositionId), ("$signal", o.SignalId), ("$status", Name(o.Status)),
                ("$filled", Number(o.FilledQuantity)), ("$average", Number(o.AveragePrice)), ("$note", e.Note),
                ("$created", Time(o.CreatedAt)), ("$at", Time(e.At)));
        }

        foreach (var f in batch.Fills)
        {
            unit.Add("""
                INSERT OR IGNORE INTO journal_fills (account_id, fill_id, order_id, symbol, side, quantity, price, at)
                VALUES ($account, $fill, $order, $symbol, $side, $quantity, $price, $at);
                """,
                ("$account", batch.AccountId), ("$fill", f.FillId), ("$order", f.ClientOrderId), ("$symbol", f.Symbol),
                ("$side", Name(f.Side)), ("$quantity", Number(f.Quantity)), ("$price", Number(f.Price)), ("$at", Time(f.At)));
        }

        foreach (var t in batch.Trades)
        {
            unit.Add("""
                INSERT OR IGNORE INTO journal_trades
                    (account_id, trade_id, position_id, symbol, side, quantity, entry_price, exit_price, pnl, reason, order_id, opened_at, closed_at)
                VALUES ($account, $trade, $position, $symbol, $side, $quantity, $entry, $exit, $pnl, $reason, $order, $opened, $closed);
                """,
                ("$account", t.AccountId), ("$trade", t.TradeId), ("$position", t.PositionId), ("$symbol", t.Symbol),
                ("$side", Name(t.Side)), ("$quantity", Number(t.Quantity)), ("$entry", Number(t.EntryPrice)),
                ("$exit", Number(t.ExitPrice)), ("$pnl", Number(t.Pnl)), ("$reason", Name(t.Reason)), ("$order", t.OrderId),
                ("$opened", Time(t.OpenedAt)), ("$closed", Time(t.ClosedAt)));
        }

        foreach (var d in batch.Decisions)
        {
            unit.Add("""
                INSERT INTO journal_decisions
                    (account_id, signal_id, symbol, side, quantity, action, stop_loss_percent, trailing_stop_percent, status, reason,
                     detail, order_id, filled_quantity, average_price, stop_loss_price, realized_pnl, decided_at)
                VALUES ($account, $signal, $symbol, $side, $quantity, $action, $stopPct, $trailPct, $status, $reason,
                        $detail, $order, $filled, $average, $stop, $pnl, $at)
                ON CONFLICT (account_id, signal_id) DO UPDATE SET
                    status = excluded.status, reason = excluded.reason, detail = excluded.detail, order_id = excluded.order_id,
                    filled_quantity = excluded.filled_quantity, average_price = excluded.average_price,
                    stop_loss_price = excluded.stop_loss_price, realized_pnl = excluded.realized_pnl, decided_at = excluded.decided_at;
                """,
                ("$account", d.AccountId), ("$signal", d.SignalId), ("$symbol", d.Symbol), ("$side", Name(d.Side)),
                ("$quantity", Number(d.Quantity)), ("$action", Name(d.Action)), ("$stopPct", Number(d.StopLossPercent)),
                ("$trailPct", Number(d.TrailingStopPercent)), ("$status", Name(d.Status)),
                ("$reason", d.Reason is { } reason ? Name(reason) : null), ("$detail", d.Detail), ("$order", d.OrderId),
                ("$filled", Number(d.FilledQuantity)), ("$average", Number(d.AveragePrice)), ("$stop", Number(d.StopLossPrice)),
                ("$pnl", Number(d.RealizedPnl)), ("$at", Time(d.DecidedAt)));
        }

        foreach (var e in batch.LimitEvents ?? [])
        {
            unit.Add("""
                INSERT OR IGNORE INTO journal_limit_events (account_id, event_id, kind, detail, at)
                VALUES ($account, $event, $kind, $detail, $at);
                """,
                ("$account", e.AccountId), ("$event", e.EventId), ("$kind", e.Kind), ("$detail", e.Detail), ("$at", Time(e.At)));
        }

        await database.Writer.WriteAsync(unit);
    }

    public async Task<IReadOnlyList<LimitEvent>> GetLimitEventsAsync(string accountId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT event_id, kind, detail, at FROM journal_limit_events WHERE account_id = $account
            ORDER BY at DESC, rowid DESC LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$account", accountId);
        command.Parameters.AddWithValue("$limit", limit);
        var events = new List<LimitEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new LimitEvent(accountId, reader.GetString(0), reader.GetString(1), reader.GetString(2),
                DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture)));
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
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        var filter = status is null ? "" : " AND status = $status";
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM journal_decisions WHERE account_id = $account{filter};";
        count.Parameters.AddWithValue("$account", accountId);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {DecisionColumns} FROM journal_decisions WHERE account_id = $account{filter}
            ORDER BY decided_at DESC, rowid DESC LIMIT $limit OFFSET $offset;
            """;
        command.Parameters.AddWithValue("$account", accountId);
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$offset", offset);
        if (status is { } s)
        {
            count.Parameters.AddWithValue("$status", Name(s));
            command.Parameters.AddWithValue("$status", Name(s));
        }

        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        return new Page<DecisionRecord>(await ReadDecisionsAsync(command, cancellationToken), offset, limit, total);
    }

    /// <remarks>Asked on every new signal id: a kept statement on a kept reader connection (<see cref="ReaderStatements"/>).</remarks>
    public Task<DecisionRecord?> FindDecisionAsync(string accountId, string signalId, CancellationToken cancellationToken = default)
    {
        var rows = database.Lookups.Query(
            $"SELECT {DecisionColumns} FROM journal_decisions WHERE account_id = $account AND signal_id = $signal;",
            ("$account", accountId), ("$signal", signalId));
        return Task.FromResult(rows.Count == 0 ? null : DecisionOf(rows[0]));
    }

    /// <summary>One row of <see cref="DecisionColumns"/> (nulls as null or <see cref="DBNull"/>).</summary>
    private static DecisionRecord DecisionOf(object?[] row)
    {
        string? Text(int i) => row[i] is string text ? text : null;
        decimal? Number(int i) => Text(i) is { } text ? decimal.Parse(text, CultureInfo.InvariantCulture) : null;
        return new DecisionRecord(Text(0)!, Text(1)!, Text(2)!, Parse<OrderSide>(Text(3)!), Number(4)!.Value,
            Parse<SignalAction>(Text(5)!), Number(6), Number(7), Parse<SignalStatus>(Text(8)!),
            Text(9) is { } reason ? Parse<RejectionReason>(reason) : null, Text(10), Text(11), Number(12), Number(13), Number(14),
            Number(15), DateTimeOffset.Parse(Text(16)!, CultureInfo.InvariantCulture));
    }

    public async Task<IReadOnlyList<DecisionRecord>> GetLatestDecisionsAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DecisionColumns} FROM journal_decisions ORDER BY decided_at DESC, rowid DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadDecisionsAsync(command, cancellationToken);
    }

    private static async Task<List<DecisionRecord>> ReadDecisionsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var decisions = new List<DecisionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            decisions.Add(DecisionOf(row));
        }

        return decisions;
    }

    public async Task<Page<OrderHistory>> GetOrdersAsync(string accountId, int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        var total = await CountAsync(connection, "SELECT COUNT(DISTINCT order_id) FROM journal_order_events WHERE account_id = $account;", accountId, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            WITH page AS (
                SELECT order_id, MIN(created_at) AS created_at, MIN(rowid) AS first_row
                FROM journal_order_events WHERE account_id = $account
                GROUP BY order_id
                ORDER BY created_at DESC, first_row DESC
                LIMIT $limit OFFSET $offset)
            SELECT e.order_id, e.seq, e.symbol, e.side, e.quantity, e.limit_price, e.reduce_only, e.purpose, e.position_id,
                   e.status, e.filled_quantity, e.average_price, e.note, e.created_at, e.at, e.signal_id
            FROM journal_order_events e JOIN page p ON p.order_id = e.order_id
            WHERE e.account_id = $account
            ORDER BY p.created_at DESC, p.first_row DESC, e.seq;
            """;
        command.Parameters.AddWithValue("$account", accountId);
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$offset", offset);

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
                var at = DateTimeOffset.Parse(reader.GetString(14), CultureInfo.InvariantCulture);
                var filled = decimal.Parse(reader.GetString(10), CultureInfo.InvariantCulture);
                history.Add(new OrderStatusChange(status, at, filled, reader.IsDBNull(12) ? null : reader.GetString(12)));
                current = new OrderSnapshot(orderId, reader.GetString(2), Parse<OrderSide>(reader.GetString(3)),
                    decimal.Parse(reader.GetString(4), CultureInfo.InvariantCulture), filled,
                    reader.IsDBNull(11) ? null : decimal.Parse(reader.GetString(11), CultureInfo.InvariantCulture),
                    reader.IsDBNull(5) ? null : decimal.Parse(reader.GetString(5), CultureInfo.InvariantCulture),
                    reader.GetInt64(6) == 1, Parse<OrderPurpose>(reader.GetString(7)), status,
                    DateTimeOffset.Parse(reader.GetString(13), CultureInfo.InvariantCulture), at,
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.IsDBNull(15) ? null : reader.GetString(15));
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
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COALESCE(MAX(CAST(substr(order_id, instr(order_id, '-') + 1) AS INTEGER)), 0)
            FROM journal_order_events WHERE account_id = $account AND seq = 0;
            """;
        command.Parameters.AddWithValue("$account", accountId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<Page<TradeRecord>> GetTradesAsync(string accountId, int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        var total = await CountAsync(connection, "SELECT COUNT(*) FROM journal_trades WHERE account_id = $account;", accountId, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT trade_id, position_id, symbol, side, quantity, entry_price, exit_price, pnl, reason, order_id, opened_at, closed_at
            FROM journal_trades WHERE account_id = $account
            ORDER BY closed_at DESC, rowid DESC
            LIMIT $limit OFFSET $offset;
            """;
        command.Parameters.AddWithValue("$account", accountId);
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$offset", offset);
        var trades = new List<TradeRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            trades.Add(new TradeRecord(reader.GetString(0), accountId, reader.GetString(1), reader.GetString(2),
                Parse<PositionSide>(reader.GetString(3)), Dec(reader, 4), Dec(reader, 5), Dec(reader, 6), Dec(reader, 7),
                Parse<OrderPurpose>(reader.GetString(8)), reader.GetString(9),
                DateTimeOffset.Parse(reader.GetString(10), CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(reader.GetString(11), CultureInfo.InvariantCulture)));
        }

        return new Page<TradeRecord>(trades, offset, limit, total);
    }

    private static async Task<int> CountAsync(SqliteConnection connection, string sql, string accountId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$account", accountId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static decimal Dec(SqliteDataReader reader, int ordinal) => decimal.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture);

    private static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string Name<T>(T value) where T : struct, Enum => WireName.Of(value);

    private static T Parse<T>(string value) where T : struct, Enum => Enum.Parse<T>(value, ignoreCase: true);
}
