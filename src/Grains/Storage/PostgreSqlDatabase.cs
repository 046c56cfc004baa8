using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using OrleansTrading.Grains.Options;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// The engine's PostgreSQL database, shared by every silo of a cluster: one pooled data source for grain storage,
/// reminders, clustering and the journal, and the scripts from <c>sql/postgresql/</c> applied idempotently at start.
/// </summary>
public sealed partial class PostgreSqlDatabase : IDisposable
{
    /// <summary>Orleans' ADO.NET invariant for Npgsql.</summary>
    public const string Invariant = "Npgsql";

    private const string ScriptPrefix = "OrleansTrading.PostgreSql.";

    // Any constant: every silo of every cluster takes the same transaction-scoped lock, so schemas are applied one at a time.
    private const long SchemaLockKey = 0x4F54_5244_5343_4845;

    private readonly ILogger<PostgreSqlDatabase> _logger;
    private readonly ClusterOptions _cluster;
    private readonly object _schemaLock = new();
    private bool _schemaApplied;

    public PostgreSqlDatabase(IOptions<TradingOptions> options, IOptions<ClusterOptions> cluster, ILogger<PostgreSqlDatabase> logger)
    {
        _logger = logger;
        _cluster = cluster.Value;
        ConnectionString = options.Value.Storage.PostgreSqlConnectionString
            ?? throw new StartupRefusedException($"{StorageProviders.PostgreSqlConnectionStringKey} is required when {StorageProviders.ProviderKey} is PostgreSql.");
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        Description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Host, port and database, for log lines (never the password).</summary>
    public string Description { get; }

    /// <summary>Whether storage may be written; PostgreSQL failures surface as exceptions per call instead.</summary>
    public DatabaseStatus Status { get; } = new();

    /// <summary>The identity stored in <c>engine_database</c>; null until the schema is applied.</summary>
    public string? DatabaseId { get; private set; }

    /// <summary>
    /// Applies every script in one transaction under an advisory lock (silos starting together take turns), records
    /// the database's identity and cluster on first use, and refuses a silo of another cluster or service.
    /// </summary>
    public void EnsureSchema()
    {
        lock (_schemaLock)
        {
            if (_schemaApplied)
            {
                return;
            }

            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({SchemaLockKey});");
            foreach (var (name, text) in Scripts())
            {
                Execute(connection, transaction, text);
                LogScriptApplied(name, Description);
            }

            using (var insert = new NpgsqlCommand("""
                INSERT INTO engine_database (singleton, database_id, cluster_id, service_id, created_at)
                VALUES (1, @id, @cluster, @service, now()) ON CONFLICT (singleton) DO NOTHING;
                """, connection, transaction))
            {
                insert.Parameters.AddWithValue("id", Guid.NewGuid().ToString("N"));
                insert.Parameters.AddWithValue("cluster", _cluster.ClusterId);
                insert.Parameters.AddWithValue("service", _cluster.ServiceId);
                insert.ExecuteNonQuery();
            }

            string databaseId, clusterId, serviceId;
            using (var read = new NpgsqlCommand("SELECT database_id, cluster_id, service_id FROM engine_database WHERE singleton = 1;", connection, transaction))
            using (var reader = read.ExecuteReader())
            {
                reader.Read();
                (databaseId, clusterId, serviceId) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            }

            transaction.Commit();
            var problem = ClusterMismatch(Description, clusterId, serviceId, _cluster.ClusterId, _cluster.ServiceId);
            if (problem is not null)
            {
                throw new StartupRefusedException(problem);
            }

            DatabaseId = databaseId;
            LogDatabaseOpened(Description, databaseId, clusterId, serviceId);
            _schemaApplied = true;
        }
    }

    /// <summary>Why a silo of this cluster and service must not use a database recorded for another; null when they match.</summary>
    public static string? ClusterMismatch(string database, string recordedCluster, string recordedService, string clusterId, string serviceId) =>
        recordedCluster == clusterId && recordedService == serviceId
            ? null
            : $"The database {database} belongs to cluster '{recordedCluster}' (service '{recordedService}'), but this silo is " +
              $"configured with Orleans:ClusterId '{clusterId}' and Orleans:ServiceId '{serviceId}'. One cluster per database: " +
              "set the same ids on every silo (and client), or give this cluster its own database.";

    private NpgsqlConnection Open()
    {
        try
        {
            return DataSource.OpenConnection();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new StartupRefusedException(
                $"{StorageProviders.PostgreSqlConnectionStringKey}: cannot connect to {Description} ({ex.Message}).", ex);
        }
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    /// <summary>The embedded scripts of <c>sql/postgresql/</c>, in name order.</summary>
    public static IEnumerable<(string Name, string Text)> Scripts() => EmbeddedScripts.Read(ScriptPrefix);

    public void Dispose() => DataSource.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened {Database} (id {DatabaseId}) for cluster {ClusterId}, service {ServiceId}")]
    private partial void LogDatabaseOpened(string database, string databaseId, string clusterId, string serviceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Applied SQL script {Script} to {Database}")]
    private partial void LogScriptApplied(string script, string database);
}
