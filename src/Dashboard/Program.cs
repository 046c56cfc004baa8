using OrleansTrading.Dashboard.Hosting;

var builder = WebApplication.CreateBuilder(args);
if (!DashboardStartupRefusal.Try(() => builder.AddTradingDashboard()))
{
    return;
}

var app = builder.Build();
app.UseTradingDashboard();
DashboardStartupRefusal.Try(app.Run);

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
