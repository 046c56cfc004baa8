using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace OrleansTrading.Silo.Api;

/// <summary>
/// Malformed JSON (a string where a number belongs, broken syntax) becomes a 400 ProblemDetails naming the
/// offending path, instead of an empty 400; grain argument errors that slip past validation become 400 too.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var detail = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => $"The JSON body is malformed at {json.Path ?? "$"}: {json.Message}",
            BadHttpRequestException bad => bad.Message,
            ArgumentException argument => argument.Message,
            _ => null,
        };
        if (detail is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status400BadRequest, Title = "The request is malformed.", Detail = detail },
        });
    }
}
