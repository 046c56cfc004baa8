using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace OrleansTrading.GatewaySecurity;

/// <summary>
/// Grain clients (the CLI, the dashboard) connect with their certificate and accept only a silo whose certificate
/// the configured CA or thumbprints vouch for.
/// </summary>
public static class ClientTlsExtensions
{
    /// <param name="onSiloRejected">
    /// Told why the silo's certificate was refused: Orleans only reports a failed connection, and the user needs to
    /// know it was this side that refused.
    /// </param>
    public static IClientBuilder UseGatewayTls(this IClientBuilder client, GatewayTlsCredentials credentials, Action<string>? onSiloRejected = null) =>
        client.UseTls(credentials.Certificate, options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.RemoteCertificateValidation = (certificate, _, _) =>
            {
                var problem = credentials.PeerPolicy.Check(certificate);
                if (problem is not null)
                {
                    onSiloRejected?.Invoke(problem);
                }

                return problem is null;
            };
        });

    /// <summary>
    /// Reads <c>Orleans:Tls</c> (CertificatePath, CertificatePassword, CaCertificatePath, AllowedThumbprints) and
    /// turns TLS on when a certificate is configured; without any TLS setting it changes nothing. Returns whether
    /// TLS is on. Throws <see cref="GatewayTlsException"/> naming a bad setting.
    /// </summary>
    public static bool UseGatewayTls(this IClientBuilder client, IConfiguration configuration, string section = GatewayTlsSettings.DefaultSection)
    {
        var settings = GatewayTlsSettings.FromConfiguration(configuration.GetSection(section));
        if (!settings.IsAnySet)
        {
            return false;
        }

        client.UseGatewayTls(GatewayTlsCredentials.Load(settings, TlsSettingNames.ForConfiguration(section), PeerCertificatePolicy.ServerAuthentication));
        return true;
    }
}
