using OrleansTrading.Silo.Api;
using OrleansTrading.Silo.Hosting;

// Run from anywhere (e.g. `dotnet /app/OrleansTrading.Silo.dll`): without appsettings.json in the working
// directory, read it from the application's own folder.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = File.Exists("appsettings.json") ? null : AppContext.BaseDirectory,
});
if (!StartupRefusal.Try(() => builder.AddTradingSilo().AddTradingTelemetry()))
{
    return;
}

builder.Services.AddTradingApi();
var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<ApiKeyMiddleware>();
app.MapTradingApi();
app.MapHealthChecks("/health");
StartupRefusal.Try(app.Run);

/// <summary>Entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
