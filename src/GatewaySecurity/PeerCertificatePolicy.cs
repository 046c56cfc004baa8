using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansTrading.GatewaySecurity;

/// <summary>
/// Decides whether the other end's certificate is one we trust. With a CA, the certificate must chain to it (and to
/// nothing else: the machine's trust store plays no part) and allow the expected use; with an allow-list, its SHA-1
/// or SHA-256 thumbprint must be listed; with both, both must hold. Host names are not checked: the private CA or
/// the pinned thumbprints are what identify the peers of this one cluster.
/// </summary>
public sealed class PeerCertificatePolicy
{
    /// <summary>Extended key usage OIDs: what the peer's certificate must allow when it is the server or the client.</summary>
    public const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private readonly X509Certificate2Collection _authorities;
    private readonly HashSet<string> _thumbprints;
    private readonly string _expectedUsage;

    public PeerCertificatePolicy(X509Certificate2Collection authorities, IEnumerable<string> thumbprints, string expectedUsage)
    {
        _authorities = authorities;
        _thumbprints = thumbprints.Select(Normalize).ToHashSet(StringComparer.Ordinal);
        _expectedUsage = expectedUsage;
        if (_authorities.Count == 0 && _thumbprints.Count == 0)
        {
            throw new ArgumentException("A peer policy needs a CA or at least one thumbprint: otherwise it would trust nobody.");
        }
    }

    /// <summary>Null when the certificate is trusted, else why not (for logs and tests).</summary>
    public string? Check(X509Certificate2 peer, DateTime? now = null)
    {
        var at = now ?? DateTime.Now;
        if (at < peer.NotBefore || at > peer.NotAfter)
        {
            return $"certificate '{peer.Subject}' is not valid now (valid {peer.NotBefore:u} to {peer.NotAfter:u})";
        }

        // A CA vouches for peers; it is not one (holding the CA's key must not double as a login).
        if (peer.Extensions.OfType<X509BasicConstraintsExtension>().Any(e => e.CertificateAuthority))
        {
            return $"certificate '{peer.Subject}' is a CA certificate, not a silo's or a client's";
        }

        if (_thumbprints.Count > 0 && !_thumbprints.Contains(Thumbprint(peer, HashAlgorithmName.SHA1)) &&
            !_thumbprints.Contains(Thumbprint(peer, HashAlgorithmName.SHA256)))
        {
            return $"certificate '{peer.Subject}' ({peer.Thumbprint}) is not in the allowed thumbprints";
        }

        return _authorities.Count == 0 ? null : CheckChain(peer, at);
    }

    private string? CheckChain(X509Certificate2 peer, DateTime at)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(_expectedUsage));
        try
        {
            if (chain.Build(peer))
            {
                return null;
            }

            var problems = chain.ChainStatus.Select(s => s.Status.ToString()).Distinct();
            return $"certificate '{peer.Subject}' is not signed by the configured CA for this use ({string.Join(", ", problems)})";
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }

    private static string Thumbprint(X509Certificate2 certificate, HashAlgorithmName algorithm) =>
        certificate.GetCertHashString(algorithm).ToUpperInvariant();

    /// <summary>Accepts thumbprints as tools print them: any case, with colons or spaces between bytes.</summary>
    private static string Normalize(string thumbprint) =>
        new string(thumbprint.Where(Uri.IsHexDigit).ToArray()).ToUpperInvariant();
}
