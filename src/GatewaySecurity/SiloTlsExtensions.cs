using Orleans.Connections.Security;
using Orleans.Hosting;

namespace OrleansTrading.GatewaySecurity;

/// <summary>The silo's side: TLS on the gateway and silo ports, and no connection without a client certificate we trust.</summary>
public static class SiloTlsExtensions
{
    /// <param name="onPeerRejected">
    /// Told why a peer's certificate was refused (a grain client or another silo, in either direction): Orleans logs a
    /// refused inbound handshake only at Debug level and never says which certificate it was.
    /// </param>
    public static ISiloBuilder UseGatewayTls(this ISiloBuilder silo, GatewayTlsCredentials credentials, Action<string>? onPeerRejected = null) =>
        silo.UseTls(credentials.Certificate, options =>
        {
            // On the server side RemoteCertificateMode is what asks for, and insists on, the client's certificate.
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            // The same callback judges the peer on the silo's inbound ports and when it dials another silo.
            options.RemoteCertificateValidation = (certificate, _, _) =>
            {
                var problem = credentials.PeerPolicy.Check(certificate);
                if (problem is not null)
                {
                    onPeerRejected?.Invoke(problem);
                }

                return problem is null;
            };
        });
}
