using Microsoft.Data.Sqlite;

namespace OrleansTrading.Bench;

/// <summary>What the database file holds for the scenario's accounts.</summary>
/// <param name="AveragePayloadBytes">Mean size of the accounts' own rows.</param>
/// <param name="StateBytesPerAccount">Mean stored bytes per account over every grain keyed by its id (account, venue, ...).</param>
/// <param name="BackgroundWrites">Account-row writes beyond those of the signals (the engine's own timers and reminders).</param>
public sealed record StorageVerification(
    int Expected, int Matching, double AveragePayloadBytes, double StateBytesPerAccount, long BackgroundWrites, string? FirstMismatch)
{
    public bool AllMatch => Expected == Matching && FirstMismatch is null;
}

/// <summary>
/// Reads the <c>OrleansStorage</c> table directly (read-only, outside Orleans; WAL lets it read while the silo
/// writes). Every write of a grain's state adds 1 to its row's Version (an insert starts at 1), so Versions count
/// persisted writes: an account's row must hold at least the Version its acknowledged signals imply. More is allowed
/// and counted: the engine's reconciliation reminder (every 5-10 s, not configurable beyond that) also writes the
/// account while it has open positions or orders.
/// </summary>
public static class StorageVerifier
{
    /// <summary>The account grain's <c>[PersistentState("account", ...)]</c> name, stored as GrainTypeString.</summary>
    public const string AccountStateName = "account";

    /// <summary>The account's stored Version, or null when it has no row.</summary>
    public static long? AccountVersion(string databasePath, string accountId)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT Version FROM OrleansStorage
            WHERE ServiceId = $serviceId AND GrainTypeString = $type AND GrainIdExtensionString = $id
            """;
        command.Parameters.AddWithValue("$serviceId", BenchSilo.ServiceId);
        command.Parameters.AddWithValue("$type", AccountStateName);
        command.Parameters.AddWithValue("$id", accountId);
        return command.ExecuteScalar() is long version ? version : null;
    }

    /// <summary>Stored payload bytes of one grain's row, or null when it has no row.</summary>
    public static long? RowBytes(string databasePath, string grainType, string grainKey)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COALESCE(length(PayloadBinary), 0) FROM OrleansStorage
            WHERE ServiceId = $serviceId AND GrainTypeString = $type AND GrainIdExtensionString = $id
            """;
        command.Parameters.AddWithValue("$serviceId", BenchSilo.ServiceId);
        command.Parameters.AddWithValue("$type", grainType);
        command.Parameters.AddWithValue("$id", grainKey);
        return command.ExecuteScalar() is long bytes ? bytes : null;
    }

    /// <summary>
    /// Rows and column bytes of one account in every table keyed by <c>account_id</c> (the journal, and the venue's
    /// archive where the engine has one). Found from the schema, so the same code reads older database layouts.
    /// </summary>
    public static IReadOnlyList<JournalTable> Journal(string databasePath, string accountId)
    {
        using var connection = Open(databasePath);
        var tables = new List<(string Name, List<string> Columns)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' ORDER BY m.name, p.cid
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var (table, column) = (reader.GetString(0), reader.GetString(1));
                if (tables.Count == 0 || tables[^1].Name != table)
                {
                    tables.Add((table, []));
                }

                tables[^1].Columns.Add(column);
            }
        }

        var result = new List<JournalTable>();
        foreach (var (name, columns) in tables.Where(t => t.Columns.Contains("account_id", StringComparer.Ordinal)))
        {
            // Names come from the file's own schema; quoted so that any identifier is safe in the statement.
            var bytes = string.Join(" + ", columns.Select(c => $"COALESCE(length(CAST({Quote(c)} AS BLOB)), 0)"));
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*), COALESCE(SUM({bytes}), 0) FROM {Quote(name)} WHERE account_id = $id";
            command.Parameters.AddWithValue("$id", accountId);
            using var reader = command.ExecuteReader();
            reader.Read();
            result.Add(new JournalTable(name, reader.GetInt64(0), reader.GetInt64(1)));
        }

        return result;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Sum of every row's Version for the bench's service: the number of grain-state writes so far.</summary>
    public static long TotalWrites(string databasePath)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(Version), 0) FROM OrleansStorage WHERE ServiceId = $serviceId";
        command.Parameters.AddWithValue("$serviceId", BenchSilo.ServiceId);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Checks that each account has exactly one row with exactly its expected Version.</summary>
    public static StorageVerification Verify(string databasePath, string accountPrefix, IReadOnlyDictionary<string, long> expectedVersions)
    {
        var found = new Dictionary<string, List<(long Version, long Bytes)>>(StringComparer.Ordinal);
        using (var connection = Open(databasePath))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT GrainIdExtensionString, Version, COALESCE(length(PayloadBinary), 0)
                FROM OrleansStorage
                WHERE ServiceId = $serviceId AND GrainTypeString = $type AND GrainIdExtensionString LIKE $prefix
                """;
            command.Parameters.AddWithValue("$serviceId", BenchSilo.ServiceId);
            command.Parameters.AddWithValue("$type", AccountStateName);
            command.Parameters.AddWithValue("$prefix", accountPrefix + "%");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetString(0);
                if (!found.TryGetValue(id, out var rows))
                {
                    found[id] = rows = [];
                }

                rows.Add((reader.GetInt64(1), reader.GetInt64(2)));
            }
        }

        var matching = 0;
        var background = 0L;
        string? firstMismatch = null;
        foreach (var (id, expected) in expectedVersions)
        {
            string? problem = found.TryGetValue(id, out var rows)
                ? rows.Count != 1 ? $"{rows.Count} rows" : rows[0].Version < expected ? $"Version {rows[0].Version}, expected at least {expected}" : null
                : "no row";
            if (problem is null)
            {
                matching++;
                background += rows![0].Version - expected;
            }
            else
            {
                firstMismatch ??= $"storage: {id}: {problem}";
            }
        }

        var unexpected = found.Keys.FirstOrDefault(id => !expectedVersions.ContainsKey(id));
        if (unexpected is not null)
        {
            firstMismatch ??= $"storage: unexpected row {unexpected}";
        }

        var payloads = found.Values.SelectMany(r => r).Select(r => (double)r.Bytes).ToList();
        return new StorageVerification(expectedVersions.Count, matching, payloads.Count == 0 ? 0 : payloads.Average(),
            StoredBytes(databasePath, accountPrefix) / Math.Max(1.0, expectedVersions.Count), background, firstMismatch);
    }

    /// <summary>Payload bytes of every grain whose key starts with the prefix, whatever its type.</summary>
    private static long StoredBytes(string databasePath, string accountPrefix)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COALESCE(SUM(length(PayloadBinary)), 0) FROM OrleansStorage
            WHERE ServiceId = $serviceId AND GrainIdExtensionString LIKE $prefix
            """;
        command.Parameters.AddWithValue("$serviceId", BenchSilo.ServiceId);
        command.Parameters.AddWithValue("$prefix", accountPrefix + "%");
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static SqliteConnection Open(string databasePath)
    {
        var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }
}
