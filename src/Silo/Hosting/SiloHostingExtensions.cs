using System.Net;
using Orleans.Configuration;
using Orleans.Dashboard;
using OrleansTrading.GatewaySecurity;
using OrleansTrading.Grains;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Silo.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>
    /// Takes the database's lock and checks it is not gone before the host starts, so a refusal is one line
    /// instead of a failed Orleans start. The lock stays held until the process exits.
    /// </summary>
    private static void HoldDatabase(WebApplicationBuilder builder)
    {
        StorageOptions? storage;
        try
        {
            storage = builder.Configuration.GetSection($"{TradingOptions.SectionName}:Storage").Get<StorageOptions>() ?? new StorageOptions();
        }
        catch (InvalidOperationException)
        {
            return; // a malformed storage setting: the options validation at start names it
        }

        try
        {
            _heldDatabase = DatabasePreflight.Check(storage);
        }
        catch (ArgumentException)
        {
            // An unparsable connection string: the options validation at start names it.
        }
    }

    private static DatabaseFileLock? _heldDatabase;

    /// <summary>The PostgreSQL connection string clustering needs before the options exist, or a one-line refusal naming the key.</summary>
    private static string PostgreSqlConnectionString(IConfiguration configuration)
    {
        var value = configuration[StorageProviders.PostgreSqlConnectionStringKey];
        try
        {
            if (!string.IsNullOrWhiteSpace(value) && !string.IsNullOrWhiteSpace(new Npgsql.NpgsqlConnectionStringBuilder(value).Host))
            {
                return value;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            // refused below, naming the key
        }

        throw new StartupRefusedException(
            $"{StorageProviders.PostgreSqlConnectionStringKey} must be an Npgsql connection string with a Host and a Database " +
            $"(e.g. 'Host=db;Port=5432;Database=trading;Username=trading;Password=...') when {StorageProviders.ProviderKey} is PostgreSql.");
    }

    /// <summary>A port setting, or a one-line refusal naming it (the binder's own error would be a stack trace).</summary>
    private static int Port(IConfigurationSection orleans, string key, int defaultPort)
    {
        var value = orleans[key];
        if (value is null)
        {
            return defaultPort;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw new StartupRefusedException($"Orleans:{key} '{value}' is not a port number (1-65535).");
    }

    /// <summary>
    /// Hosts one Orleans silo with the trading engine. Endpoints come from the <c>Orleans</c> section:
    /// SiloPort [11111], GatewayPort [30000], ClusterId/ServiceId [orleans-trading], AdvertisedHost (the address
    /// clients and silos are told to use, e.g. in containers: <see cref="AdvertisedAddress"/>). Both ports listen on
    /// loopback only unless ListenOnAnyAddress is true, which needs mutual TLS (Orleans:Tls:*) or AllowInsecureGateway: see
    /// <see cref="GatewayExposure"/>.
    /// </summary>
    public static WebApplicationBuilder AddTradingSilo(this WebApplicationBuilder builder)
    {
        var listening = ListeningAddressGuard.Check(builder.Configuration);
        if (listening is not null)
        {
            throw new StartupRefusedException(listening);
        }

        var provider = StorageProviders.Normalize(builder.Configuration[StorageProviders.ProviderKey]);
        if (provider is null)
        {
            throw new StartupRefusedException(StorageProviders.InvalidProviderMessage(builder.Configuration[StorageProviders.ProviderKey]));
        }

        var postgreSql = provider == StorageProviders.PostgreSql ? PostgreSqlConnectionString(builder.Configuration) : null;
        if (postgreSql is null)
        {
            HoldDatabase(builder);
        }

        var orleans = builder.Configuration.GetSection("Orleans");
        var siloPort = Port(orleans, "SiloPort", 11111);
        var gatewayPort = Port(orleans, "GatewayPort", 30000);
        var clusterId = orleans.GetValue("ClusterId", "orleans-trading")!;
        var serviceId = orleans.GetValue("ServiceId", "orleans-trading")!;
        var advertisedHost = orleans.GetValue<string?>("AdvertisedHost", null);

        var exposure = GatewayExposure.Decide(builder.Configuration, siloPort, gatewayPort, cluster: postgreSql is not null);
        var advertised = AdvertisedAddress.Resolve(advertisedHost, exposure.IsBeyondLoopback, Dns.GetHostAddresses);
        PortProbe.EnsureFree(exposure.ListenAddress, siloPort, "Orleans:SiloPort");
        PortProbe.EnsureFree(exposure.ListenAddress, gatewayPort, "Orleans:GatewayPort");

        builder.UseOrleans(silo =>
        {
            if (postgreSql is not null)
            {
                // A cluster: membership in the shared database, every silo advertising its own endpoints.
                silo.UseTradingPostgreSqlClustering(postgreSql)
                    .Configure<ClusterOptions>(o =>
                    {
                        o.ClusterId = clusterId;
                        o.ServiceId = serviceId;
                    })
                    .ConfigureEndpoints(advertised ?? IPAddress.Loopback, siloPort, gatewayPort);
            }
            else if (advertised is null)
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: serviceId, clusterId: clusterId);
            }
            else
            {
                // One silo per SQLite file: development clustering is the single-silo membership.
                silo.UseDevelopmentClustering(new IPEndPoint(advertised, siloPort))
                    .Configure<ClusterOptions>(o =>
                    {
                        o.ClusterId = clusterId;
                        o.ServiceId = serviceId;
                    })
                    .ConfigureEndpoints(advertised, siloPort, gatewayPort);
            }

            // Advertising a host says where to find the silo; binding decides who can connect. Without these two lines
            // Orleans would bind the advertised address.
            silo.Configure<EndpointOptions>(o =>
            {
                o.SiloListeningEndpoint = new IPEndPoint(exposure.ListenAddress, siloPort);
                o.GatewayListeningEndpoint = new IPEndPoint(exposure.ListenAddress, gatewayPort);
            });
            if (exposure.Tls is { } tls)
            {
                var rejections = new TlsPeerRejectionLog();
                silo.UseGatewayTls(tls, rejections.Rejected);
                // The TLS middleware is built from SiloConnectionOptions, so the logger is attached before any handshake.
                silo.Services.AddOptions<SiloConnectionOptions>().Configure<ILoggerFactory>((_, loggers) => rejections.Attach(loggers));
            }

            silo.AddTradingEngine();
            // Serves Orleans' own cluster view through the trading dashboard (/orleans there); opens no listener here.
            silo.AddDashboard();
        });
        builder.Services.AddSingleton(exposure);
        builder.Services.AddSingleton<Api.SignalAdmission>();
        builder.Services.AddHostedService<GatewaySecurityLog>();
        builder.Services.AddHealthChecks().AddCheck<EngineHealthCheck>("engine");
        return builder;
    }
}
