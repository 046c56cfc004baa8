namespace OrleansTrading.Grains.Storage;

/// <summary>
/// An exclusive OS lock on <c>&lt;database&gt;.lock</c>, held for the silo's lifetime: one silo per database file.
/// SQLite's own locks are per transaction, so two silos on one file would both run, and fight over every account.
/// </summary>
public sealed class DatabaseFileLock : IDisposable
{
    private readonly FileStream _lock;

    private DatabaseFileLock(FileStream stream) => _lock = stream;

    public static DatabaseFileLock Acquire(string databasePath)
    {
        var lockPath = databasePath + ".lock";
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix and a sharing lock on Windows.
            var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true))
            {
                writer.Write($"{Environment.ProcessId}");
            }

            stream.Flush();
            return new DatabaseFileLock(stream);
        }
        catch (IOException ex)
        {
            throw new StartupRefusedException(
                $"The database {databasePath} is in use by another silo (lock file {lockPath}). One silo per database file: stop the other one, or give this one its own Trading:Storage:ConnectionString.", ex);
        }
    }

    public void Dispose() => _lock.Dispose();
}
