using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Cluster.Tests.Support;

public static class Databases
{
    public static PostgreSqlDatabase Open(string connectionString, string clusterId = "test-cluster", string serviceId = "test-service") =>
        new(Options.Create(new TradingOptions
            {
                Storage = { Provider = StorageProviders.PostgreSql, PostgreSqlConnectionString = connectionString },
            }),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = serviceId }),
            NullLogger<PostgreSqlDatabase>.Instance);

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<List<string>> StringsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
