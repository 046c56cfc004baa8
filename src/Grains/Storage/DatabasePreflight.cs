using Microsoft.Data.Sqlite;
using OrleansTrading.Grains.Options;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// The checks a silo makes on its database file before anything opens it: take the file's exclusive lock, and
/// refuse a path that held a database (recorded in <see cref="KnownDatabases"/>) which is now gone. Run by the host
/// before it starts (so a refusal is one line, not a failed start) and again by the storage itself.
/// </summary>
public static class DatabasePreflight
{
    /// <summary>The held lock, or null for an in-memory database; throws <see cref="StartupRefusedException"/> to refuse.</summary>
    public static DatabaseFileLock? Check(StorageOptions storage)
    {
        var dataSource = new SqliteConnectionStringBuilder(storage.ConnectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
        {
            return null;
        }

        var fullPath = Path.GetFullPath(dataSource);
        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new StartupRefusedException(
                    $"Trading:Storage:ConnectionString: cannot create the database folder {directory} ({ex.Message}).", ex);
            }
        }

        var fileLock = DatabaseFileLock.Acquire(fullPath);
        var known = new KnownDatabases(storage.KnownDatabasesFile ?? KnownDatabases.DefaultPath());
        if (!File.Exists(fullPath) && known.Find(fullPath) is { } gone && !storage.AllowRecreate)
        {
            fileLock.Dispose();
            throw new StartupRefusedException(
                $"The database {fullPath} (id {gone.DatabaseId}, created {gone.CreatedAt:u}) is gone. Restore it from a backup, " +
                $"or set Trading:Storage:AllowRecreate=true to start with an empty database (recorded in {known.RegistryPath}).");
        }

        return fileLock;
    }
}
