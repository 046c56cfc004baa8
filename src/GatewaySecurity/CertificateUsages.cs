using System.Security.Cryptography.X509Certificates;

namespace OrleansTrading.GatewaySecurity;

/// <summary>
/// What our own certificate may be used for, read from its extended key usage extension. A certificate without that
/// extension may be used for anything (as TLS stacks read it); with it, only the listed usages count.
/// </summary>
public static class CertificateUsages
{
    /// <summary>The usages among <paramref name="required"/> that <paramref name="certificate"/> does not allow, as readable names.</summary>
    public static IReadOnlyList<string> Missing(X509Certificate2 certificate, IEnumerable<string> required)
    {
        var extensions = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().ToList();
        if (extensions.Count == 0)
        {
            return [];
        }

        var allowed = extensions.SelectMany(e => e.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>())
            .Select(oid => oid.Value)
            .ToHashSet(StringComparer.Ordinal);
        return required.Where(usage => !allowed.Contains(usage)).Select(Describe).ToList();
    }

    /// <summary>An OID as a person reads it, e.g. <c>ClientAuthentication (1.3.6.1.5.5.7.3.2)</c>.</summary>
    public static string Describe(string usage) => usage switch
    {
        PeerCertificatePolicy.ServerAuthentication => $"ServerAuthentication ({usage})",
        PeerCertificatePolicy.ClientAuthentication => $"ClientAuthentication ({usage})",
        _ => usage,
    };
}
