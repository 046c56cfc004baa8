using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Bench;

/// <summary>What the storage layer alone sustained for one writer count.</summary>
public sealed record BaselineResult(string Synchronous, int Writers, int Writes, int PayloadBytes, TimeSpan Elapsed, double P50Ms, double P99Ms, int Failures)
{
    public double WritesPerSecond => Writes / Elapsed.TotalSeconds;
}

/// <summary>
/// The storage path without Orleans: the engine's own <see cref="SqliteDatabase"/> (its gated data source, PRAGMAs and
/// schema) and its <c>WriteToStorageKey</c> query, executed the way Orleans' ADO.NET provider does (open a connection
/// from the data source, one upsert with the expected Version, read the new Version, close). K writers each upsert
/// their own row one write after another, all at once: the ceiling the engine's signals/s can reach.
/// </summary>
public static class StorageBaseline
{
    public static async Task<BaselineResult> RunAsync(string synchronous, int writers, int writes, int payloadBytes)
    {
        var folder = Path.Combine(Path.GetTempPath(), "orleans-trading-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var options = new TradingOptions
            {
                Storage = new StorageOptions { ConnectionString = $"Data Source={Path.Combine(folder, "trading.db")}", Synchronous = synchronous },
            };
            using var database = new SqliteDatabase(Microsoft.Extensions.Options.Options.Create(options), NullLogger<SqliteDatabase>.Instance);
            database.EnsureSchema();
            var query = await WriteQueryAsync(database.DataSource);

            // A few different payloads, cycled: SQLite skips rewriting overflow pages whose bytes did not change, and an
            // engine row (JSON with a sliding window of orders and decisions) changes throughout on every write.
            var random = new Random(42);
            var payloads = Enumerable.Range(0, 4).Select(_ =>
            {
                var bytes = new byte[payloadBytes];
                random.NextBytes(bytes);
                return bytes;
            }).ToArray();
            var shares = Enumerable.Range(0, writers).Select(i => writes / writers + (i < writes % writers ? 1 : 0)).ToArray();
            var latencies = shares.Select(n => new long[n]).ToArray();
            var failures = 0;

            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
            {
                long? version = null;
                for (var i = 0; i < shares[w]; i++)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    try
                    {
                        version = await WriteAsync(database.DataSource, query, w, version, payloads[i % payloads.Length]);
                    }
                    catch (Exception)
                    {
                        // Any exception counts as a failed write. The expected Version is then stale, so this
                        // writer's later writes fail too: a fault shows up as many failures, never as none.
                        Interlocked.Increment(ref failures);
                    }

                    latencies[w][i] = Stopwatch.GetTimestamp() - t0;
                }
            }));
            var elapsed = Stopwatch.GetElapsedTime(started);

            var all = latencies.SelectMany(l => l).Order().ToArray();
            return new BaselineResult(synchronous, writers, writes, payloadBytes, elapsed,
                Percentile(all, 0.50), Percentile(all, 0.99), failures);
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

    private static async Task<string> WriteQueryAsync(DbDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long?> WriteAsync(DbDataSource dataSource, string query, int writer, long? expectedVersion, byte[] payload)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = query;
        void Parameter(string name, object? value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        Parameter("GrainIdHash", writer);
        Parameter("GrainIdN0", 0L);
        Parameter("GrainIdN1", 0L);
        Parameter("GrainTypeHash", 1);
        Parameter("GrainTypeString", "baseline");
        Parameter("GrainIdExtensionString", $"writer-{writer}");
        Parameter("ServiceId", "orleans-trading-bench-baseline");
        Parameter("GrainStateVersion", expectedVersion);
        Parameter("PayloadBinary", payload);
        var result = await command.ExecuteScalarAsync();
        return result is long version
            ? version
            : throw new InvalidOperationException($"Writer {writer}: the upsert matched no row (expected Version {expectedVersion}).");
    }

    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
}
