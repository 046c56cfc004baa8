using System.Globalization;

namespace OrleansTrading.Silo.Api;

/// <summary>
/// The one answer for a request whose outcome is unknown because something it needed was briefly unavailable: 503 with
/// <c>Retry-After</c>, and the advice that re-sending the same signal id returns the real decision.
/// </summary>
public static class OutcomeUnknownProblem
{
    public static ValueTask<bool> WriteAsync(IProblemDetailsService problems, HttpContext httpContext, Exception exception,
        int retryAfterSeconds, string title, string cause, string whenToRetry)
    {
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = title,
                Detail = $"{cause} If this was a signal, it may or may not have been decided: re-send it with the same signalId " +
                         $"{whenToRetry}and you get the real decision; it never trades twice.",
            },
        });
    }
}
