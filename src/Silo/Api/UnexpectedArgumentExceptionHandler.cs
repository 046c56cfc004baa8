using Microsoft.AspNetCore.Diagnostics;

namespace OrleansTrading.Silo.Api;

/// <summary>
/// An <see cref="ArgumentException"/> that is not an <c>InvalidInputException</c> comes from a bug inside the engine,
/// not from the caller: answer 500 (not 400, which would blame the caller) and log it as an error.
/// </summary>
public sealed partial class UnexpectedArgumentExceptionHandler(IProblemDetailsService problems, ILogger<UnexpectedArgumentExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ArgumentException)
        {
            return false;
        }

        LogUnexpectedArgument(exception, httpContext.Request.Method, httpContext.Request.Path.ToUriComponent());
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "The engine failed to process the request.",
                Detail = "An unexpected error occurred inside the engine; it has been logged. This is not a problem with the request.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected argument error inside the engine while serving {Method} {Path}")]
    private partial void LogUnexpectedArgument(Exception exception, string method, string path);
}
