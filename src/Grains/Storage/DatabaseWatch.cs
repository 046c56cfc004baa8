using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansTrading.Grains.Options;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// Checks, every <see cref="StorageOptions.WatchInterval"/>, that the database file is still the one the silo opened:
/// present, with the same identity, writable. Deleted or replaced under a running silo, SQLite would go on writing
/// into the unlinked file and every acknowledgement would be a lie; so the first failed check stops all storage
/// (503s, <c>/health</c> unhealthy) and logs one critical line naming the file.
/// </summary>
public sealed partial class DatabaseWatch(IServiceProvider services, ILogger<DatabaseWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not injected: building them reads the options, and a bad setting must fail the start as a
        // validation error, not while the host is still collecting its hosted services.
        var database = services.GetRequiredService<SqliteDatabase>();
        var options = services.GetRequiredService<IOptions<TradingOptions>>();
        if (database.IsInMemory)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Storage.WatchInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (database.DatabaseId is not { } expected || !database.Status.IsAvailable)
            {
                continue;
            }

            if (Check(Path.GetFullPath(database.FilePath), expected) is { } problem && database.Status.MarkLost(problem))
            {
                LogDatabaseLost(problem);
            }
        }
    }

    /// <summary>What is wrong with the file, or null when it is the one opened and writable.</summary>
    public static string? Check(string path, string expectedId)
    {
        if (!File.Exists(path))
        {
            return $"The database file {path} was deleted while the silo was running: nothing more is written; restore it and restart the silo.";
        }

        try
        {
            var readOnly = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
            using var connection = new SqliteConnection(readOnly.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT database_id FROM engine_database WHERE singleton = 1;";
            var id = command.ExecuteScalar() as string;
            if (id != expectedId)
            {
                return $"The database file {path} was replaced by another database (id {id ?? "none"}, expected {expectedId}): nothing more is written; restart the silo.";
            }
        }
        catch (SqliteException ex)
        {
            return $"The database file {path} cannot be read ({ex.Message}): nothing more is written; restart the silo.";
        }

        if (!IsWritable(path) || !IsWritable(Path.GetDirectoryName(path)!))
        {
            return $"The database file {path} (or its folder) is no longer writable: nothing more is written; fix its permissions and restart the silo.";
        }

        return null;
    }

    private static bool IsWritable(string path) =>
        !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) || Access(path, WriteAccess) == 0;

    private const int WriteAccess = 2; // W_OK

    [DllImport("libc", EntryPoint = "access", SetLastError = true)]
    private static extern int Access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Storage lost: {Problem}")]
    private partial void LogDatabaseLost(string problem);
}
