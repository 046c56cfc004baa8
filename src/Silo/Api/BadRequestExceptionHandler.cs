using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using OrleansTrading.Abstractions.Validation;

namespace OrleansTrading.Silo.Api;

/// <summary>
/// The caller's faults, and only those, become 400 ProblemDetails: the engine's <see cref="InvalidInputException"/>
/// (with its field errors) and a body that is not valid JSON for the endpoint (naming the field, via
/// <see cref="JsonBodyProblem"/>). Anything else is the engine's fault and is left to the other handlers.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems, JsonBodyProblem json) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        (string? detail, IDictionary<string, string[]>? errors) = exception switch
        {
            InvalidInputException invalid => (invalid.Message, invalid.Errors),
            BadHttpRequestException { InnerException: JsonException body } => json.Describe(httpContext, body),
            BadHttpRequestException bad => (bad.Message, null),
            _ => (null, null),
        };
        if (detail is null)
        {
            return false;
        }

        // A binding failure keeps its own 4xx (415 for a body that is not JSON, 413 for one too large); the rest is 400.
        var status = exception is BadHttpRequestException { StatusCode: >= 400 and < 500 } binding && errors is null ? binding.StatusCode : StatusCodes.Status400BadRequest;
        var problem = errors is { Count: > 0 } ? new HttpValidationProblemDetails(errors) : new Microsoft.AspNetCore.Mvc.ProblemDetails();
        problem.Status = status;
        problem.Title = errors is { Count: > 0 } ? "One or more validation errors occurred." : "The request is malformed.";
        problem.Detail = detail;
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }
}
