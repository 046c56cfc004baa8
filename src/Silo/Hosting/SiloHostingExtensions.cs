using System.Net;
using OrleansTrading.Grains;

namespace OrleansTrading.Silo.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>
    /// Hosts one Orleans silo with the trading engine. Endpoints come from the <c>Orleans</c> section:
    /// SiloPort [11111], GatewayPort [30000], ClusterId/ServiceId [orleans-trading], and AdvertisedHost
    /// (set it in containers: the silo then listens on every interface and advertises that host).
    /// </summary>
    public static WebApplicationBuilder AddTradingSilo(this WebApplicationBuilder builder)
    {
        var listening = ListeningAddressGuard.Check(builder.Configuration);
        if (listening is not null)
        {
            throw new InvalidOperationException(listening);
        }

        var orleans = builder.Configuration.GetSection("Orleans");
        var siloPort = orleans.GetValue("SiloPort", 11111);
        var gatewayPort = orleans.GetValue("GatewayPort", 30000);
        var clusterId = orleans.GetValue("ClusterId", "orleans-trading")!;
        var serviceId = orleans.GetValue("ServiceId", "orleans-trading")!;
        var advertisedHost = orleans.GetValue<string?>("AdvertisedHost", null);

        var listenOn = string.IsNullOrWhiteSpace(advertisedHost) ? IPAddress.Loopback : IPAddress.Any;
        PortProbe.EnsureFree(listenOn, siloPort, "Orleans:SiloPort");
        PortProbe.EnsureFree(listenOn, gatewayPort, "Orleans:GatewayPort");

        builder.UseOrleans(silo =>
        {
            if (string.IsNullOrWhiteSpace(advertisedHost))
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: serviceId, clusterId: clusterId);
            }
            else
            {
                // One silo per SQLite file: development clustering is the single-silo membership.
                var address = Dns.GetHostAddresses(advertisedHost).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
                silo.UseDevelopmentClustering(new IPEndPoint(address, siloPort))
                    .Configure<Orleans.Configuration.ClusterOptions>(o =>
                    {
                        o.ClusterId = clusterId;
                        o.ServiceId = serviceId;
                    })
                    .ConfigureEndpoints(address, siloPort, gatewayPort, listenOnAnyHostAddress: true);
            }

            silo.AddTradingEngine();
        });
        builder.Services.AddHealthChecks().AddCheck<EngineHealthCheck>("engine");
        return builder;
    }
}
