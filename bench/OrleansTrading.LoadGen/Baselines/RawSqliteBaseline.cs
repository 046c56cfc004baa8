using System.Diagnostics;
using Microsoft.Data.Sqlite;
using OrleansTrading.LoadGen.Load;

namespace OrleansTrading.LoadGen.Baselines;

public sealed record RawSqliteResult(string Synchronous, int PayloadBytes, long Upserts, double UpsertsPerSecond, LatencySummary Latency);

/// <summary>
/// Raw Microsoft.Data.Sqlite, no Orleans and no engine: one connection, WAL, the silo's synchronous level and busy
/// timeout, single-row upserts each in its own (autocommit) transaction, back to back for the given time. The ceiling
/// for commits per second on this disk; an engine signal costs several such commits.
/// </summary>
public static class RawSqliteBaseline
{
    public static RawSqliteResult Run(string synchronous, TimeSpan duration, int payloadBytes = 256, int rows = 1000)
    {
        var folder = Path.Combine(Path.GetTempPath(), "orleans-trading-loadgen", "raw-sqlite-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(folder, "raw.db"),
                Pooling = false,
            }.ToString());
            connection.Open();
            Execute(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous.ToUpperInvariant()}; PRAGMA busy_timeout=30000;");
            Execute(connection, "CREATE TABLE state (id INTEGER PRIMARY KEY, version INTEGER NOT NULL, payload BLOB NOT NULL);");

            using var upsert = connection.CreateCommand();
            upsert.CommandText = "INSERT INTO state (id, version, payload) VALUES ($id, 1, $payload) " +
                                 "ON CONFLICT (id) DO UPDATE SET version = version + 1, payload = excluded.payload;";
            var id = upsert.Parameters.Add("$id", SqliteType.Integer);
            var payload = upsert.Parameters.Add("$payload", SqliteType.Blob);
            upsert.Prepare();

            // A few different payloads, cycled: SQLite skips rewriting pages whose bytes did not change.
            var random = new Random(42);
            var payloads = Enumerable.Range(0, 4).Select(_ =>
            {
                var bytes = new byte[payloadBytes];
                random.NextBytes(bytes);
                return bytes;
            }).ToArray();

            var latencies = new List<long>(1 << 16);
            var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var started = Stopwatch.GetTimestamp();
            long n = 0;
            while (Stopwatch.GetTimestamp() < end)
            {
                var t0 = Stopwatch.GetTimestamp();
                id.Value = n % rows;
                payload.Value = payloads[n % payloads.Length];
                upsert.ExecuteNonQuery();
                latencies.Add(Stopwatch.GetTimestamp() - t0);
                n++;
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            return new RawSqliteResult(synchronous, payloadBytes, n, n / seconds, LatencySummary.FromTicks(latencies));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
