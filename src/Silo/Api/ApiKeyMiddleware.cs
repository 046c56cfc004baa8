using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OrleansTrading.Grains.Options;

namespace OrleansTrading.Silo.Api;

/// <summary>
/// When <c>Trading:Api:Key</c> is set, every /api call must carry it in <c>X-Api-Key</c>. Middleware rather than an
/// endpoint filter, so the key is checked before the body is read: an unauthenticated caller learns nothing from parsing.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<TradingOptions> options, IProblemDetailsService problems)
{
    public const string HeaderName = "X-Api-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        var expected = options.Value.Api.Key;
        if (string.IsNullOrWhiteSpace(expected) || !context.Request.Path.StartsWithSegments("/api") || Matches(context, expected))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Title = "Missing or wrong API key.", Detail = $"Send the configured key in the {HeaderName} header." },
        });
    }

    private static bool Matches(HttpContext context, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(context.Request.Headers[HeaderName].ToString()),
            Encoding.UTF8.GetBytes(expected));
}
