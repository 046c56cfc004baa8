using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OrleansTrading.GatewaySecurity;

namespace OrleansTrading.Silo.Tests.Security;

/// <summary>
/// Throwaway certificates made for one test, in a temp folder deleted on dispose: a CA with a silo certificate
/// (server and client use) and a client certificate it signed, and strangers signed by another CA: a client
/// certificate, and a silo certificate (server and client use). PFX files share <see cref="Password"/>; the CA is a PEM file.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    public const string Password = "throwaway-test-password";

    private TestCertificates(string folder) => Folder = folder;

    public string Folder { get; }

    public string CaPath => Path.Combine(Folder, "ca.crt");

    public string SiloPfx => Path.Combine(Folder, "silo.pfx");

    public string ClientPfx => Path.Combine(Folder, "client.pfx");

    public string StrangerPfx => Path.Combine(Folder, "stranger.pfx");

    public string StrangerSiloPfx => Path.Combine(Folder, "stranger-silo.pfx");

    public static TestCertificates Create()
    {
        var certificates = new TestCertificates(Path.Combine(Path.GetTempPath(), "gateway-certs-" + Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(certificates.Folder);
        var now = DateTimeOffset.UtcNow;
        using var ca = Authority("CN=OrleansTrading test CA", now);
        using var otherCa = Authority("CN=Somebody else's CA", now);
        File.WriteAllText(certificates.CaPath, ca.ExportCertificatePem());
        Export(Leaf(ca, "CN=orleans-trading silo", now.AddDays(-1), now.AddDays(7), PeerCertificatePolicy.ServerAuthentication, PeerCertificatePolicy.ClientAuthentication), certificates.SiloPfx);
        Export(Leaf(ca, "CN=orleans-trading cli", now.AddDays(-1), now.AddDays(7), PeerCertificatePolicy.ClientAuthentication), certificates.ClientPfx);
        Export(Leaf(otherCa, "CN=stranger", now.AddDays(-1), now.AddDays(7), PeerCertificatePolicy.ClientAuthentication), certificates.StrangerPfx);
        Export(Leaf(otherCa, "CN=stranger silo", now.AddDays(-1), now.AddDays(7), PeerCertificatePolicy.ServerAuthentication, PeerCertificatePolicy.ClientAuthentication),
            certificates.StrangerSiloPfx);
        return certificates;
    }

    /// <summary>A self-signed CA that may sign leaf certificates, with its private key.</summary>
    public static X509Certificate2 Authority(string subject, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddDays(-30), now.AddDays(30));
    }

    /// <summary>A certificate signed by <paramref name="issuer"/> for the given extended key usages, with its private key.</summary>
    public static X509Certificate2 Leaf(X509Certificate2 issuer, string subject, DateTimeOffset notBefore, DateTimeOffset notAfter, params string[] usages) =>
        Signed(issuer, subject, notBefore, notAfter, usages);

    /// <summary>A certificate without the extended key usage extension: allowed for any use.</summary>
    public static X509Certificate2 LeafWithoutUsages(X509Certificate2 issuer, string subject, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        Signed(issuer, subject, notBefore, notAfter, usages: null);

    /// <summary>Writes <paramref name="certificate"/> with its key as a PFX protected by <see cref="Password"/>, and disposes it.</summary>
    public static void Export(X509Certificate2 certificate, string path)
    {
        using (certificate)
        {
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        }
    }

    private static X509Certificate2 Signed(X509Certificate2 issuer, string subject, DateTimeOffset notBefore, DateTimeOffset notAfter, string[]? usages)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        if (usages is not null)
        {
            var oids = new OidCollection();
            foreach (var usage in usages)
            {
                oids.Add(new Oid(usage));
            }

            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, false));
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var signed = request.Create(issuer, notBefore, notAfter, RandomNumberGenerator.GetBytes(12));
        return signed.CopyWithPrivateKey(key);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
