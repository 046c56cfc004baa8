using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansTrading.Abstractions.Json;

namespace OrleansTrading.Silo.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>JSON in camelCase with enums as camelCase strings, decimals without trailing zeros, and ProblemDetails for every error.</summary>
    public static IServiceCollection AddTradingApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            json.SerializerOptions.Converters.Add(new NormalizedDecimalConverter());
            // Strict bodies: a misspelled field (stopLossPct) must not silently leave the default in force, a number
            // sent as a string is a client bug (the web defaults would read it), and a repeated field is ambiguous.
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            json.SerializerOptions.AllowDuplicateProperties = false;
        });
        services.AddProblemDetails();
        services.AddSingleton<JsonBodyProblem>();
        services.AddExceptionHandler<StorageUnavailableExceptionHandler>();
        services.AddExceptionHandler<ClusterUnavailableExceptionHandler>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<UnexpectedArgumentExceptionHandler>();
        // Let binding failures reach the exception handler so they are answered with ProblemDetails.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }
}
