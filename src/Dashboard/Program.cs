using OrleansTrading.Dashboard.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddTradingDashboard();

var app = builder.Build();
app.UseTradingDashboard();
app.Run();

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
