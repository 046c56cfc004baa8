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

        var problem = errors is { Count: > 0 } ? new HttpValidationProblemDetails(errors) : new Microsoft.AspNetCore.Mvc.ProblemDetails();
        problem.Status = StatusCodes.Status400BadRequest;
        problem.Title = errors is { Count: > 0 } ? "One or more validation errors occurred." : "The request is malformed.";
        problem.Detail = detail;
        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }
}
