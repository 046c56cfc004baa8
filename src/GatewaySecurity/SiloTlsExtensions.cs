using Orleans.Connections.Security;
using Orleans.Hosting;

namespace OrleansTrading.GatewaySecurity;

/// <summary>The silo's side: TLS on the gateway and silo ports, and no connection without a client certificate we trust.</summary>
public static class SiloTlsExtensions
{
    public static ISiloBuilder UseGatewayTls(this ISiloBuilder silo, GatewayTlsCredentials credentials) =>
        silo.UseTls(credentials.Certificate, options =>
        {
            // On the server side RemoteCertificateMode is what asks for, and insists on, the client's certificate.
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.RemoteCertificateValidation = (certificate, _, _) => credentials.PeerPolicy.Check(certificate) is null;
        });
}
