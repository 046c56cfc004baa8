using Microsoft.AspNetCore.Diagnostics;

namespace OrleansTrading.Silo.Api;

/// <summary>
/// A cluster that cannot reach a grain for a moment is 503 with <c>Retry-After</c>, not an opaque 500: a silo died and
/// its activations or directory partition are moving, a message expired before placement, or the answer timed out.
/// The outcome of the request is unknown; re-sending the same signal id returns the real decision and never trades twice.
/// A request the client itself abandoned is not this case.
/// </summary>
public sealed partial class ClusterUnavailableExceptionHandler(IProblemDetailsService problems,
    ILogger<ClusterUnavailableExceptionHandler> logger) : IExceptionHandler
{
    private const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.RequestAborted.IsCancellationRequested || Cause(exception) is not { } cause)
        {
            return false;
        }

        LogClusterUnavailable(exception, httpContext.Request.Method, httpContext.Request.Path, cause);
        return await OutcomeUnknownProblem.WriteAsync(problems, httpContext, exception, RetryAfterSeconds,
            "The cluster could not reach the grain in time; the outcome of this request is unknown.", cause, "");
    }

    /// <summary>Why the cluster could not answer, when that is what failed; null for any other exception.</summary>
    public static string? Cause(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SiloUnavailableException:
                    return "The silo holding the grain is unavailable.";
                case OrleansMessageRejectionException:
                    return "A silo of the cluster could not be reached.";
                case TimeoutException:
                    return "The grain did not answer within the response timeout.";
                case OperationCanceledException:
                    return "The message expired before the grain was placed (a silo of the cluster is leaving or joining).";
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {Cause}")]
    private partial void LogClusterUnavailable(Exception exception, string method, string path, string cause);
}
