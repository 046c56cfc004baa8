using OrleansTrading.Silo.Api;
using OrleansTrading.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddTradingSilo();
builder.Services.AddTradingApi();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<ApiKeyMiddleware>();
app.MapTradingApi();
app.MapHealthChecks("/health");
app.Run();

/// <summary>Entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
