using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OrleansTrading.Grains.Options;

namespace OrleansTrading.Silo.Api;

/// <summary>When <c>Trading:Api:Key</c> is set, every /api call must carry it in <c>X-Api-Key</c>.</summary>
public sealed class ApiKeyEndpointFilter(IOptions<TradingOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.Value.Api.Key;
        if (string.IsNullOrWhiteSpace(expected))
        {
            return await next(context);
        }

        var supplied = context.HttpContext.Request.Headers[HeaderName].ToString();
        var matches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(supplied), Encoding.UTF8.GetBytes(expected));
        return matches
            ? await next(context)
            : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Missing or wrong API key.",
                detail: $"Send the configured key in the {HeaderName} header.");
    }
}
