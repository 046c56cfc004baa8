using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Silo.Api;

/// <summary>
/// Storage trouble is 503 with <c>Retry-After</c>, never an opaque 500: the database was lost, or stayed locked by
/// another process past the busy timeout. The request's outcome is unknown (the decision may have been stored before
/// the failure), and re-sending the same signal id is the safe way to learn it: it returns the real decision.
/// </summary>
public sealed partial class StorageUnavailableExceptionHandler(IProblemDetailsService problems, DatabaseStatus database,
    ILogger<StorageUnavailableExceptionHandler> logger) : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var cause = StorageCause(exception, database);
        if (cause is null)
        {
            return false;
        }

        LogStorageUnavailable(exception, httpContext.Request.Method, httpContext.Request.Path, cause);
        return await OutcomeUnknownProblem.WriteAsync(problems, httpContext, exception, RetryAfterSeconds,
            "Storage is unavailable; the outcome of this request is unknown.", cause, "once the service is healthy, ");
    }

    /// <summary>Why storage failed, when it did; null for any other exception.</summary>
    public static string? StorageCause(Exception exception, DatabaseStatus status)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StorageUnavailableException lost:
                    return lost.Message;
                case SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                    return "The database stayed locked by another process past the busy timeout.";
                case SqliteException sqlite:
                    return $"The database failed: {sqlite.Message}";
                case Npgsql.NpgsqlException postgres:
                    return $"The PostgreSQL database failed: {postgres.Message}";
            }
        }

        return status.Problem;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} answered 503: {Cause}")]
    private partial void LogStorageUnavailable(Exception exception, string method, string path, string cause);
}
