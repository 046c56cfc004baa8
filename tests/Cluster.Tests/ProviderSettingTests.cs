using OrleansTrading.Grains.Options;
using OrleansTrading.Silo.Tests.OutOfProcess;

namespace OrleansTrading.Cluster.Tests;

public sealed class ProviderSettingTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "provider-setting-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Sqlite_stays_the_default_and_needs_no_postgresql_setting()
    {
        var options = new TradingOptions();
        Assert.Equal(StorageProviders.Sqlite, options.Storage.Provider);
        Assert.True(new TradingOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("Mongo", null, "Trading:Storage:Provider 'Mongo' must be one of Sqlite, PostgreSql.")]
    [InlineData("PostgreSql", null, "Trading:Storage:PostgreSqlConnectionString must be an Npgsql connection string")]
    [InlineData("postgresql", "Host=db", "Trading:Storage:PostgreSqlConnectionString must be an Npgsql connection string")]
    [InlineData("PostgreSql", "Hots=db;Database=x", "Trading:Storage:PostgreSqlConnectionString must be an Npgsql connection string")]
    public void A_bad_provider_setting_is_refused_naming_its_key(string provider, string? connectionString, string expected)
    {
        var options = new TradingOptions { Storage = { Provider = provider, PostgreSqlConnectionString = connectionString } };
        var result = new TradingOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void With_postgresql_the_sqlite_file_setting_is_not_used_and_not_checked()
    {
        var options = new TradingOptions
        {
            Storage = { Provider = "PostgreSql", PostgreSqlConnectionString = "Host=db;Database=trading;Username=u", ConnectionString = "" },
        };
        Assert.True(new TradingOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("Oracle", "Trading:Storage:Provider 'Oracle' must be one of Sqlite, PostgreSql.")]
    [InlineData("PostgreSql", "Trading:Storage:PostgreSqlConnectionString must be an Npgsql connection string")]
    public async Task The_silo_process_refuses_to_start_in_one_line_naming_the_key(string provider, string expected)
    {
        var log = new SiloLog();
        var exit = await SiloProcess.StartExpectingRefusalAsync("refused", Path.Combine(_root, "data", "trading.db"), _root, log,
            TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["Trading__Storage__Provider"] = provider });
        Assert.Equal(1, exit);
        var line = Assert.Single(log.Lines("refused:err"));
        Assert.StartsWith($"orleans-trading silo: refusing to start: {expected}", line);
        Assert.False(File.Exists(Path.Combine(_root, "data", "trading.db")), "A refused start must not create the SQLite file.");
    }

    [Fact]
    public async Task The_cli_refuses_a_malformed_cluster_database_before_connecting_naming_the_option()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await OrleansTrading.Client.TradingCli.RunAsync(["accounts", "list", "--cluster-database", "Database=trading"],
            new OrleansTrading.Client.Connection.OrleansEngineConnector(), output, error, environment: _ => null);
        Assert.Equal(1, exit);
        Assert.Contains("--cluster-database (or ORLEANS_TRADING_CLUSTER_DATABASE) must be an Npgsql connection string with a Host and a Database", error.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
