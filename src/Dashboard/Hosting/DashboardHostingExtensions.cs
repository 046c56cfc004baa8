using MudBlazor.Services;
using Orleans.Configuration;
using Orleans.Dashboard;
using OrleansTrading.GatewaySecurity;
using OrleansTrading.Dashboard.Components;
using Microsoft.AspNetCore.Authentication.Cookies;
using OrleansTrading.Dashboard.Live;
using OrleansTrading.Dashboard.Operators;
using OrleansTrading.Dashboard.Presentation;

namespace OrleansTrading.Dashboard.Hosting;

public static class DashboardHostingExtensions
{
    /// <summary>
    /// The dashboard: an Orleans client of the silo's gateways (<c>Orleans:Gateways</c>, default localhost:30000),
    /// one pushed activity subscription for the whole process, and Blazor Server with MudBlazor.
    /// </summary>
    public static WebApplicationBuilder AddTradingDashboard(this WebApplicationBuilder builder)
    {
        // Its own default port, so it runs beside the silo's API (5000) without configuration; --urls or
        // ASPNETCORE_URLS still choose another.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls("http://localhost:5080");
        }

        // Serve library assets (MudBlazor's CSS and JS) from a build output in any environment, not only Development;
        // a published app has them on disk and ignores this.
        builder.WebHost.UseStaticWebAssets();

        if (DashboardSettingsCheck.Problems(builder.Configuration) is { Count: > 0 } problems)
        {
            throw new DashboardStartupRefusedException(string.Join(" ", problems));
        }

        var orleans = builder.Configuration.GetSection("Orleans");
        var gateways = GatewayList.Parse(orleans.GetValue("Gateways", GatewayList.Default));
        builder.UseOrleansClient(client =>
        {
            // The same Orleans:Tls settings as the silo: with a certificate configured, the dashboard is a mutual-TLS client.
            client.UseGatewayTls(builder.Configuration);
            client.AddDashboard();
            if (ClusterGateways.PostgreSqlConnectionString(builder.Configuration) is { } postgreSql)
            {
                // A cluster on PostgreSQL: the live gateways come from its membership table, re-read every few seconds.
                client.UseClusterGateways(postgreSql);
            }
            else
            {
                client.UseResolvingGateways(gateways);
            }

            client
            .Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = orleans.GetValue("ClusterId", "orleans-trading")!;
                cluster.ServiceId = orleans.GetValue("ServiceId", "orleans-trading")!;
            })
            // Fail calls fast while the silo is away, so the page can say so within seconds.
            .Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(5))
            // Start (and keep retrying) even when the silo is not up yet: the page shows it as disconnected.
            .UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ActivityFeed>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ActivityFeed>());
        builder.Services.AddSingleton<TradingReader>();
        builder.Services.AddSingleton<LiveEngineView>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<LiveEngineView>());
        builder.Services.AddScoped<BrowserTimeZone>();
        builder.Services.Configure<OperatorOptions>(builder.Configuration.GetSection(OperatorOptions.SectionName));
        builder.Services.AddOperatorKeyRing(builder.Configuration.GetSection(OperatorOptions.SectionName).Get<OperatorOptions>()?.DataProtectionKeysPath);
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<OperatorActions>();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.LoginPath = "/signin";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddMudServices();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddHealthChecks().AddCheck<SiloConnectionHealthCheck>("silo");
        return builder;
    }

    public static WebApplication UseTradingDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOperatorEndpoints();

        // Orleans' own cluster view (grains, silos, calls), behind the same operator sign-in as the controls.
        var clusterView = app.MapOrleansDashboard("/orleans");
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OperatorOptions>>().Value.RequiresSignIn)
        {
            clusterView.RequireAuthorization();
        }
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapHealthChecks("/health");
        return app;
    }
}
