namespace OrleansTrading.Silo.Hosting;

/// <summary>
/// Says at every start who can reach the Orleans ports. An insecure exposure is logged as critical each time, so it
/// cannot be forgotten in a configuration file.
/// </summary>
public sealed partial class GatewaySecurityLog(GatewayExposure exposure, ILogger<GatewaySecurityLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (exposure.Tls is { } tls)
        {
            LogMutualTls(logger, exposure.ListenAddress, exposure.GatewayPort, exposure.SiloPort, tls.Certificate.Subject, tls.Certificate.Thumbprint);
        }
        else if (exposure.Insecure)
        {
            LogInsecure(logger, exposure.GatewayPort, exposure.SiloPort, GatewayExposure.AllowInsecureGatewayKey);
        }
        else
        {
            LogLoopbackOnly(logger, exposure.ListenAddress, exposure.GatewayPort, exposure.SiloPort);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Orleans gateway on {Address}:{GatewayPort} (silo port {SiloPort}) requires mutual TLS; silo certificate {Subject} ({Thumbprint})")]
    private static partial void LogMutualTls(ILogger logger, System.Net.IPAddress address, int gatewayPort, int siloPort, string subject, string thumbprint);

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "INSECURE: the Orleans gateway (port {GatewayPort}) and silo port ({SiloPort}) listen on all interfaces without TLS " +
                  "because {Setting}=true: anyone who can reach them can trade, halt trading and flatten. Use this only on a private network.")]
    private static partial void LogInsecure(ILogger logger, int gatewayPort, int siloPort, string setting);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Orleans gateway on {Address}:{GatewayPort} (silo port {SiloPort}), loopback only, without TLS")]
    private static partial void LogLoopbackOnly(ILogger logger, System.Net.IPAddress address, int gatewayPort, int siloPort);
}
