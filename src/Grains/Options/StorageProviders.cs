using Microsoft.Extensions.Configuration;

namespace OrleansTrading.Grains.Options;

/// <summary>The values of <c>Trading:Storage:Provider</c>, and reading it before the options exist (hosting decides on it).</summary>
public static class StorageProviders
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";

    public const string ProviderKey = "Trading:Storage:Provider";
    public const string PostgreSqlConnectionStringKey = "Trading:Storage:PostgreSqlConnectionString";

    public static readonly string[] All = [Sqlite, PostgreSql];

    /// <summary>The configured provider's canonical name, or null when the value is none of <see cref="All"/>.</summary>
    public static string? Normalize(string? value) =>
        string.IsNullOrWhiteSpace(value) ? Sqlite : All.FirstOrDefault(p => string.Equals(p, value.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the configuration selects PostgreSQL.</summary>
    public static bool IsPostgreSql(IConfiguration configuration) => Normalize(configuration[ProviderKey]) == PostgreSql;

    /// <summary>The one line that refuses a start with a bad provider value.</summary>
    public static string InvalidProviderMessage(string? value) =>
        $"{ProviderKey} '{value}' must be one of {string.Join(", ", All)}.";
}
