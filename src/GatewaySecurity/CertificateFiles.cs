using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansTrading.GatewaySecurity;

/// <summary>Reads the certificate files the TLS settings name, turning every failure into a message that names the setting.</summary>
public static class CertificateFiles
{
    /// <summary>Our own certificate: a PKCS#12 (.pfx/.p12) file that must hold the private key.</summary>
    public static X509Certificate2 LoadOwn(string path, string? password, TlsSettingNames names)
    {
        if (!File.Exists(path))
        {
            throw new GatewayTlsException($"{names.Certificate}: the file '{path}' does not exist.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, string.IsNullOrEmpty(password) ? null : password);
        }
        catch (CryptographicException ex)
        {
            throw new GatewayTlsException(
                $"{names.Certificate}: '{path}' cannot be read as a PKCS#12 (.pfx) file, or {names.Password} is wrong: {ex.Message}", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new GatewayTlsException($"{names.Certificate}: '{path}' holds no private key; export the certificate with its key as .pfx.");
        }

        return certificate;
    }

    /// <summary>The trusted CA: one or more certificates in a PEM file, or one DER certificate.</summary>
    public static X509Certificate2Collection LoadCa(string path, TlsSettingNames names)
    {
        if (!File.Exists(path))
        {
            throw new GatewayTlsException($"{names.CaCertificate}: the file '{path}' does not exist.");
        }

        var authorities = new X509Certificate2Collection();
        try
        {
            if (File.ReadAllText(path).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                authorities.ImportFromPemFile(path);
            }
            else
            {
                authorities.Add(X509CertificateLoader.LoadCertificateFromFile(path));
            }
        }
        catch (CryptographicException ex)
        {
            throw new GatewayTlsException($"{names.CaCertificate}: '{path}' is not a PEM or DER certificate: {ex.Message}", ex);
        }

        if (authorities.Count == 0)
        {
            throw new GatewayTlsException($"{names.CaCertificate}: '{path}' holds no certificate.");
        }

        return authorities;
    }
}
