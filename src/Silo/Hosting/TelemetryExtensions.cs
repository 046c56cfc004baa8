using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OrleansTrading.Grains.Storage;
using OrleansTrading.Grains.Telemetry;

namespace OrleansTrading.Silo.Hosting;

/// <summary>
/// Where the silo's telemetry goes, in one place. The instruments always exist (the engine's <see cref="TradingMetrics.MeterName"/>
/// meter, Orleans', ASP.NET Core's and the runtime's), so <c>dotnet-counters</c> reads them from a running silo. They and
/// the silo's log records are exported over OTLP only when an endpoint is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>,
/// as the local start's Aspire host sets it, or a collector's address in production); without one no exporter runs and
/// nothing is collected. No traces are collected (no activity source is added).
/// </summary>
public static class TelemetryExtensions
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The meters exported: the engine's, Orleans' own, HTTP serving, and the runtime's (GC, thread pool).</summary>
    public static IReadOnlyList<string> ExportedMeters { get; } =
    [
        TradingMetrics.MeterName,
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Runtime",
    ];

    /// <exception cref="StartupRefusedException">The endpoint is set but is not an absolute http(s) address.</exception>
    public static WebApplicationBuilder AddTradingTelemetry(this WebApplicationBuilder builder)
    {
        var endpoint = builder.Configuration[EndpointKey];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return builder;
        }

        // The exporter would only fail later, with a stack trace and no setting named.
        if (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new StartupRefusedException(
                $"{EndpointKey} '{endpoint}' is not an http:// or https:// address of an OTLP receiver (leave it unset to export nothing).");
        }

        // OTEL_SERVICE_NAME (Aspire sets it to the resource's name) is read by the SDK itself; this is the name without it.
        var serviceName = string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]) ? "orleans-trading-silo" : null;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (serviceName is not null)
                {
                    resource.AddService(serviceName);
                }
            })
            .WithMetrics(metrics => metrics.AddMeter([.. ExportedMeters]))
            // Metrics and the ILogger records (the console keeps its own copy); reads OTEL_EXPORTER_OTLP_ENDPOINT,
            // _PROTOCOL, _HEADERS, OTEL_METRIC_EXPORT_INTERVAL and OTEL_BLRP_* itself.
            .UseOtlpExporter();
        return builder;
    }
}
