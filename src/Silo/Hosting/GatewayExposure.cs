using System.Net;
using OrleansTrading.GatewaySecurity;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Silo.Hosting;

/// <summary>
/// Who can reach the Orleans silo and gateway ports, decided once at start. Anyone connected to the gateway can
/// trade, halt trading and flatten, so the ports stay on loopback unless <see cref="ListenOnAnyAddressKey"/> says
/// otherwise, and then only with mutual TLS or the explicit opt-out <see cref="AllowInsecureGatewayKey"/>.
/// </summary>
public sealed record GatewayExposure(IPAddress ListenAddress, int SiloPort, int GatewayPort, GatewayTlsCredentials? Tls, bool Insecure)
{
    public const string ListenOnAnyAddressKey = "Orleans:ListenOnAnyAddress";
    public const string AllowInsecureGatewayKey = "Orleans:AllowInsecureGateway";
    public const string TlsSection = GatewayTlsSettings.DefaultSection;

    public bool IsBeyondLoopback => !IPAddress.IsLoopback(ListenAddress);

    /// <summary>
    /// Throws <see cref="StartupRefusedException"/> with one line naming the settings when the ports would be open to
    /// anyone, or when the TLS certificate cannot serve the silo. <paramref name="cluster"/>: the silo has peers (the
    /// PostgreSql provider), so it also dials other silos over TLS.
    /// </summary>
    public static GatewayExposure Decide(IConfiguration configuration, int siloPort, int gatewayPort, bool cluster)
    {
        var listenOnAny = Flag(configuration, ListenOnAnyAddressKey);
        var allowInsecure = Flag(configuration, AllowInsecureGatewayKey);
        var tlsSettings = GatewayTlsSettings.FromConfiguration(configuration.GetSection(TlsSection));
        GatewayTlsCredentials? tls = null;
        if (tlsSettings.IsAnySet)
        {
            try
            {
                tls = GatewayTlsCredentials.Load(tlsSettings, TlsSettingNames.ForConfiguration(TlsSection), PeerCertificatePolicy.ClientAuthentication);
            }
            catch (GatewayTlsException ex)
            {
                throw new StartupRefusedException(ex.Message, ex);
            }

            RequireUsages(tls, cluster);
        }

        if (listenOnAny && tls is null && !allowInsecure)
        {
            var names = TlsSettingNames.ForConfiguration(TlsSection);
            throw new StartupRefusedException(
                $"{ListenOnAnyAddressKey}=true would open the Orleans gateway (port {gatewayPort}) and silo port ({siloPort}) to every " +
                $"network without authentication, and any grain client can trade, halt and flatten: configure mutual TLS ({names.Certificate}, " +
                $"{names.Password}, and {names.CaCertificate} or {names.AllowedThumbprints}), or on a private network set {AllowInsecureGatewayKey}=true.");
        }

        var address = listenOnAny ? IPAddress.Any : IPAddress.Loopback;
        return new GatewayExposure(address, siloPort, gatewayPort, tls, Insecure: listenOnAny && tls is null);
    }

    /// <summary>
    /// The silo is the TLS server of its gateway and silo ports; in a cluster it is also the TLS client of every other
    /// silo, with the same certificate. A certificate that lacks a usage fails later, per connection, with a message
    /// that names neither the certificate nor the setting; this says it once, at start.
    /// </summary>
    private static void RequireUsages(GatewayTlsCredentials tls, bool cluster)
    {
        string[] required = cluster
            ? [PeerCertificatePolicy.ServerAuthentication, PeerCertificatePolicy.ClientAuthentication]
            : [PeerCertificatePolicy.ServerAuthentication];
        var missing = CertificateUsages.Missing(tls.Certificate, required);
        if (missing.Count == 0)
        {
            return;
        }

        var names = TlsSettingNames.ForConfiguration(TlsSection);
        var why = cluster
            ? $"with {StorageProviders.ProviderKey}={StorageProviders.PostgreSql} every silo is the TLS server and the TLS client of the others " +
              "with this one certificate, so it must allow both ServerAuthentication and ClientAuthentication"
            : "the silo is the TLS server of its gateway, so its certificate must allow ServerAuthentication";
        var subject = tls.Certificate.Subject;
        tls.Certificate.Dispose();
        throw new StartupRefusedException(
            $"{names.Certificate}: the certificate '{subject}' does not allow {string.Join(" or ", missing)} in its extended key usage: {why}.");
    }

    private static bool Flag(IConfiguration configuration, string key)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return bool.TryParse(text.Trim(), out var value)
            ? value
            : throw new StartupRefusedException($"{key} must be true or false, not '{text}'.");
    }
}
