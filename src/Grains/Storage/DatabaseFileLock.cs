namespace OrleansTrading.Grains.Storage;

/// <summary>
/// An exclusive OS lock on <c>&lt;database&gt;.lock</c>, held for the silo's lifetime: one silo per database file.
/// SQLite's own locks are per transaction, so two silos on one file would both run, and fight over every account.
/// Within one process the lock is shared (counted): the host's pre-start check and the storage take it in turn.
/// </summary>
public sealed class DatabaseFileLock : IDisposable
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, (FileStream Stream, int Holders)> Held = new(StringComparer.Ordinal);
    private readonly string _databasePath;
    private bool _released;

    private DatabaseFileLock(string databasePath) => _databasePath = databasePath;

    public static DatabaseFileLock Acquire(string databasePath)
    {
        lock (Gate)
        {
            if (Held.TryGetValue(databasePath, out var held))
            {
                Held[databasePath] = (held.Stream, held.Holders + 1);
                return new DatabaseFileLock(databasePath);
            }

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
                Held[databasePath] = (stream, 1);
                return new DatabaseFileLock(databasePath);
            }
            catch (IOException ex) when (FolderIsWritable(databasePath))
            {
                throw new StartupRefusedException(
                    $"The database {databasePath} is in use by another silo (lock file {lockPath}). One silo per database file: stop the other one, or give this one its own Trading:Storage:ConnectionString.", ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A read-only mount or a folder without write permission: SQLite could not write there either.
                throw new StartupRefusedException(
                    $"Trading:Storage:ConnectionString: the database folder {Path.GetDirectoryName(databasePath)} is not writable ({ex.Message}).", ex);
            }
        }
    }

    /// <summary>
    /// Tells "held by another process" from "cannot write here" (a read-only mount): the error codes differ per
    /// platform, a probe file does not.
    /// </summary>
    private static bool FolderIsWritable(string databasePath)
    {
        var probe = Path.Combine(Path.GetDirectoryName(databasePath)!, $".write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        lock (Gate)
        {
            if (_released || !Held.TryGetValue(_databasePath, out var held))
            {
                return;
            }

            _released = true;
            if (held.Holders > 1)
            {
                Held[_databasePath] = (held.Stream, held.Holders - 1);
                return;
            }

            held.Stream.Dispose();
            Held.Remove(_databasePath);
        }
    }
}
