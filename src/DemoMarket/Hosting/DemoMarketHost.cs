using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansTrading.DemoMarket.Running;
using OrleansTrading.GatewaySecurity;

namespace OrleansTrading.DemoMarket.Hosting;

public static class DemoMarketHost
{
    /// <summary>A generic host reading appsettings.json beside the program when started from elsewhere, then the environment and arguments.</summary>
    public static HostApplicationBuilder CreateBuilder(string[] args) =>
        Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = File.Exists("appsettings.json") ? null : AppContext.BaseDirectory,
        });

    /// <summary>
    /// The demo as a grain client of the silo's gateways (<c>Orleans:Gateways</c>, mutual TLS from <c>Orleans:Tls:*</c>
    /// as for the dashboard). Refuses (<see cref="DemoRefusedException"/>, <see cref="OptionsValidationException"/>,
    /// <see cref="GatewayTlsException"/>) unless <c>Trading:Demo:Enabled</c> is true and every setting is valid.
    /// </summary>
    public static HostApplicationBuilder AddDemoMarket(this HostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DemoMarketOptions.SectionName);
        var demo = section.Get<DemoMarketOptions>() ?? new DemoMarketOptions();
        if (!demo.Enabled)
        {
            throw new DemoRefusedException(
                $"{DemoMarketOptions.SectionName}:Enabled is not true: the demo market trades only where it is switched on " +
                "(Trading__Demo__Enabled=true; `dotnet run --project src/DemoMarket` and the local start set it).");
        }

        var validation = new DemoMarketOptionsValidator().Validate(null, demo);
        if (validation.Failed)
        {
            throw new OptionsValidationException(DemoMarketOptions.SectionName, typeof(DemoMarketOptions), validation.Failures);
        }

        builder.Services.AddOptions<DemoMarketOptions>().Bind(section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DemoMarketOptions>, DemoMarketOptionsValidator>();

        var orleans = builder.Configuration.GetSection("Orleans");
        var gateways = GatewayAddresses.Parse(orleans.GetValue("Gateways", GatewayAddresses.Default));
        builder.UseOrleansClient(client =>
        {
            // The same Orleans:Tls settings as the silo and the dashboard: with a certificate configured, a mutual-TLS client.
            client.UseGatewayTls(builder.Configuration);
            client.UseStaticClustering(gateways.ToArray())
                .Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = orleans.GetValue("ClusterId", "orleans-trading")!;
                    cluster.ServiceId = orleans.GetValue("ServiceId", "orleans-trading")!;
                })
                // Fail calls fast while the silo is away: the demo keeps going and says so once.
                .Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(5))
                // Started with the silo (the local start launches both at once): wait for it, saying so now and then.
                .UseConnectionRetryFilter<SiloWait>();
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<DemoWorker>();
        return builder;
    }
}
