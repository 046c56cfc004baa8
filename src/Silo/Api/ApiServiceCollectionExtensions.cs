using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansTrading.Silo.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>JSON in camelCase with enums as camelCase strings, and ProblemDetails for every error.</summary>
    public static IServiceCollection AddTradingApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<StorageUnavailableExceptionHandler>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Let binding failures reach the exception handler so they are answered with ProblemDetails.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }
}
