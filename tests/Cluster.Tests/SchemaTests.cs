using System.Reflection;
using Orleans.Configuration;
using OrleansTrading.Cluster.Tests.Support;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Cluster.Tests;

[Collection(PostgreSqlCollection.Name)]
public sealed class SchemaTests(PostgreSqlServer server)
{
    [Fact]
    public async Task Applying_the_schema_again_changes_nothing()
    {
        var connectionString = await server.CreateDatabaseAsync("schema");
        using (var first = Databases.Open(connectionString))
        {
            first.EnsureSchema();
        }

        const string snapshot = """
            SELECT string_agg(x, '|' ORDER BY x) FROM (
                SELECT 'query:' || QueryKey || ':' || md5(QueryText) AS x FROM OrleansQuery
                UNION ALL SELECT 'table:' || table_name FROM information_schema.tables WHERE table_schema = 'public'
                UNION ALL SELECT 'index:' || indexname FROM pg_indexes WHERE schemaname = 'public'
                UNION ALL SELECT 'trigger:' || tgname FROM pg_trigger WHERE NOT tgisinternal
                UNION ALL SELECT 'identity:' || database_id FROM engine_database) s;
            """;
        var before = await Databases.ScalarAsync<string>(connectionString, snapshot);
        var xmin = await Databases.ScalarAsync<string>(connectionString, "SELECT string_agg(xmin::text, ',' ORDER BY QueryKey) FROM OrleansQuery;");

        using (var second = Databases.Open(connectionString))
        {
            second.EnsureSchema();
        }

        Assert.Equal(before, await Databases.ScalarAsync<string>(connectionString, snapshot));
        // Not even rewritten: the query rows are upserted only when their text changed.
        Assert.Equal(xmin, await Databases.ScalarAsync<string>(connectionString, "SELECT string_agg(xmin::text, ',' ORDER BY QueryKey) FROM OrleansQuery;"));
    }

    [Fact]
    public async Task Silos_starting_together_apply_the_schema_one_at_a_time()
    {
        var connectionString = await server.CreateDatabaseAsync("together");
        var databases = Enumerable.Range(0, 4).Select(_ => Databases.Open(connectionString)).ToList();
        try
        {
            await Task.WhenAll(databases.Select(d => Task.Run(d.EnsureSchema)));
            Assert.Single(databases.Select(d => d.DatabaseId).Distinct());
        }
        finally
        {
            databases.ForEach(d => d.Dispose());
        }
    }

    /// <summary>
    /// Orleans' ADO.NET providers refuse to start ("Not all required queries found") unless every key they need is in
    /// OrleansQuery. The keys are read from the providers themselves (their internal query catalogue), so a key a
    /// newer Orleans adds (as CleanupDefunctSiloEntriesKey was, after the 10.x clustering script shipped without it)
    /// fails this test instead of a production start.
    /// </summary>
    [Fact]
    public async Task The_shipped_queries_cover_every_key_the_clustering_storage_and_reminder_providers_require()
    {
        var connectionString = await server.CreateDatabaseAsync("keys");
        using (var database = Databases.Open(connectionString))
        {
            database.EnsureSchema();
        }

        var shipped = (await Databases.StringsAsync(connectionString, "SELECT QueryKey FROM OrleansQuery;")).ToHashSet(StringComparer.Ordinal);
        var clustering = RequiredKeys(typeof(AdoNetClusteringSiloOptions).Assembly);
        var reminders = RequiredKeys(typeof(AdoNetReminderTableOptions).Assembly);
        Assert.Contains("CleanupDefunctSiloEntriesKey", clustering);
        Assert.Contains("GatewaysQueryKey", clustering);
        Assert.Contains("UpsertReminderRowKey", reminders);

        // Grain storage names its keys in code, not in a catalogue: the four it reads (Delete only with DeleteStateOnClear).
        string[] storage = ["ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey"];
        var missing = clustering.Concat(reminders).Concat(storage).Where(k => !shipped.Contains(k)).ToList();
        Assert.True(missing.Count == 0, $"sql/postgresql lacks the query keys: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task A_silo_of_another_cluster_or_service_is_refused_naming_both()
    {
        var connectionString = await server.CreateDatabaseAsync("mismatch");
        using (var first = Databases.Open(connectionString, "desk-a", "trading"))
        {
            first.EnsureSchema();
        }

        using var otherService = Databases.Open(connectionString, "desk-a", "other-service");
        var refused = Assert.Throws<StartupRefusedException>(otherService.EnsureSchema);
        Assert.Contains("cluster 'desk-a' (service 'trading')", refused.Message);
        Assert.Contains("Orleans:ServiceId 'other-service'", refused.Message);

        using var otherCluster = Databases.Open(connectionString, "desk-b", "trading");
        refused = Assert.Throws<StartupRefusedException>(otherCluster.EnsureSchema);
        Assert.Contains("Orleans:ClusterId 'desk-b'", refused.Message);
    }

    [Fact]
    public void An_unreachable_database_refuses_the_start_naming_the_setting()
    {
        using var database = Databases.Open($"Host=127.0.0.1;Port={server.Port + 1};Database=x;Username=trading;Timeout=2");
        var refused = Assert.Throws<StartupRefusedException>(database.EnsureSchema);
        Assert.StartsWith("Trading:Storage:PostgreSqlConnectionString: cannot connect to PostgreSQL 127.0.0.1:", refused.Message);
    }

    private static HashSet<string> RequiredKeys(Assembly provider)
    {
        var catalogue = provider.GetTypes().Single(t => t.Name == "DbStoredQueries");
        return catalogue.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(p => p.PropertyType == typeof(string) && p.Name.EndsWith("Key", StringComparison.Ordinal))
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal);
    }
}
