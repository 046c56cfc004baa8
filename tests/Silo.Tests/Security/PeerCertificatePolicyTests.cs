using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OrleansTrading.GatewaySecurity;

namespace OrleansTrading.Silo.Tests.Security;

/// <summary>Which peer certificates the silo (checking clients) and the clients (checking the silo) trust.</summary>
public sealed class PeerCertificatePolicyTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly X509Certificate2 _ca = TestCertificates.Authority("CN=policy test CA", Now);
    private readonly X509Certificate2 _otherCa = TestCertificates.Authority("CN=other CA", Now);

    [Fact]
    public void A_client_certificate_signed_by_the_ca_is_trusted()
    {
        using var client = Leaf(_ca, PeerCertificatePolicy.ClientAuthentication);

        Assert.Null(CaPolicy().Check(client));
    }

    [Fact]
    public void A_certificate_signed_by_another_ca_is_refused()
    {
        using var stranger = Leaf(_otherCa, PeerCertificatePolicy.ClientAuthentication);

        Assert.Contains("not signed by the configured CA", CaPolicy().Check(stranger), StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_the_ca_issued_for_servers_only_cannot_act_as_a_client()
    {
        using var serverOnly = Leaf(_ca, PeerCertificatePolicy.ServerAuthentication);

        Assert.NotNull(CaPolicy().Check(serverOnly));
    }

    [Fact]
    public void The_ca_itself_presented_as_a_peer_is_not_a_client_certificate()
    {
        using var publicCa = X509CertificateLoader.LoadCertificate(_ca.RawData);

        Assert.NotNull(CaPolicy().Check(publicCa));
    }

    [Fact]
    public void An_expired_certificate_is_refused()
    {
        using var expired = TestCertificates.Leaf(_ca, "CN=expired", Now.AddDays(-10), Now.AddDays(-1), PeerCertificatePolicy.ClientAuthentication);

        Assert.Contains("is not valid now", CaPolicy().Check(expired), StringComparison.Ordinal);
    }

    [Fact]
    public void An_allow_list_trusts_listed_thumbprints_in_any_spelling_and_nothing_else()
    {
        using var listed = Leaf(_otherCa, PeerCertificatePolicy.ClientAuthentication);
        using var other = Leaf(_otherCa, PeerCertificatePolicy.ClientAuthentication);
        var sha256 = Convert.ToHexString(SHA256.HashData(listed.RawData));
        var withColons = string.Join(':', Enumerable.Range(0, sha256.Length / 2).Select(i => sha256.Substring(i * 2, 2).ToLowerInvariant()));

        var policy = new PeerCertificatePolicy([], [withColons], PeerCertificatePolicy.ClientAuthentication);

        Assert.Null(policy.Check(listed));
        Assert.Null(new PeerCertificatePolicy([], [listed.Thumbprint], PeerCertificatePolicy.ClientAuthentication).Check(listed));
        Assert.Contains("not in the allowed thumbprints", policy.Check(other), StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_ca_and_an_allow_list_both_must_hold()
    {
        using var signedButUnlisted = Leaf(_ca, PeerCertificatePolicy.ClientAuthentication);
        using var listedButUnsigned = Leaf(_otherCa, PeerCertificatePolicy.ClientAuthentication);

        var policy = new PeerCertificatePolicy([PublicCopy(_ca)], [listedButUnsigned.Thumbprint], PeerCertificatePolicy.ClientAuthentication);

        Assert.NotNull(policy.Check(signedButUnlisted));
        Assert.NotNull(policy.Check(listedButUnsigned));
    }

    [Fact]
    public void A_policy_that_would_trust_nobody_cannot_be_made()
    {
        Assert.Throws<ArgumentException>(() => new PeerCertificatePolicy([], [], PeerCertificatePolicy.ClientAuthentication));
    }

    private PeerCertificatePolicy CaPolicy() => new([PublicCopy(_ca)], [], PeerCertificatePolicy.ClientAuthentication);

    private static X509Certificate2 Leaf(X509Certificate2 issuer, string usage) =>
        TestCertificates.Leaf(issuer, "CN=peer " + Guid.NewGuid().ToString("N")[..8], Now.AddDays(-1), Now.AddDays(7), usage);

    /// <summary>What a CA file holds: the certificate, not its key.</summary>
    private static X509Certificate2 PublicCopy(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);

    public void Dispose()
    {
        _ca.Dispose();
        _otherCa.Dispose();
    }
}
