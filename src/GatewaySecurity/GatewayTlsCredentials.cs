using System.Security.Cryptography.X509Certificates;

namespace OrleansTrading.GatewaySecurity;

/// <summary>The loaded form of <see cref="GatewayTlsSettings"/>: our certificate and the policy for the peer's.</summary>
public sealed class GatewayTlsCredentials
{
    private GatewayTlsCredentials(X509Certificate2 certificate, PeerCertificatePolicy peerPolicy)
    {
        Certificate = certificate;
        PeerPolicy = peerPolicy;
    }

    public X509Certificate2 Certificate { get; }

    public PeerCertificatePolicy PeerPolicy { get; }

    /// <summary>
    /// Loads the files and checks the settings fit together. <paramref name="peerUsage"/> is what the peer's
    /// certificate must allow (<see cref="PeerCertificatePolicy.ClientAuthentication"/> on the silo).
    /// Throws <see cref="GatewayTlsException"/> naming the setting at fault.
    /// </summary>
    public static GatewayTlsCredentials Load(GatewayTlsSettings settings, TlsSettingNames names, string peerUsage)
    {
        if (!settings.IsEnabled)
        {
            throw new GatewayTlsException($"{names.Certificate} is not set, but other TLS settings are: set it to the .pfx file of this side's certificate.");
        }

        if (settings.CaCertificatePath is null && settings.AllowedThumbprints.Count == 0)
        {
            throw new GatewayTlsException(
                $"{names.Certificate} is set but neither {names.CaCertificate} nor {names.AllowedThumbprints}: " +
                "without one the other side's certificate cannot be checked.");
        }

        foreach (var thumbprint in settings.AllowedThumbprints)
        {
            var hex = thumbprint.Replace(":", "", StringComparison.Ordinal);
            if (hex.Length is not (40 or 64) || !hex.All(Uri.IsHexDigit))
            {
                throw new GatewayTlsException($"{names.AllowedThumbprints}: '{thumbprint}' is not a SHA-1 (40 hex digits) or SHA-256 (64 hex digits) thumbprint.");
            }
        }

        var authorities = settings.CaCertificatePath is null ? [] : CertificateFiles.LoadCa(settings.CaCertificatePath, names);
        var certificate = CertificateFiles.LoadOwn(settings.CertificatePath!, settings.CertificatePassword, names);
        return new GatewayTlsCredentials(certificate, new PeerCertificatePolicy(authorities, settings.AllowedThumbprints, peerUsage));
    }
}
