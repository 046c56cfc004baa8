using System.Net;
using Microsoft.Extensions.Configuration;
using OrleansTrading.GatewaySecurity;
using OrleansTrading.Grains.Storage;
using OrleansTrading.Silo.Hosting;

namespace OrleansTrading.Silo.Tests.Security;

/// <summary>Which address the Orleans ports bind and whether the start is refused, for each combination of settings.</summary>
public sealed class GatewayExposureTests : IDisposable
{
    private readonly TestCertificates _certificates = TestCertificates.Create();

    [Fact]
    public void Without_configuration_the_ports_bind_loopback_without_tls()
    {
        var exposure = Decide();

        Assert.Equal(IPAddress.Loopback, exposure.ListenAddress);
        Assert.Null(exposure.Tls);
        Assert.False(exposure.Insecure);
    }

    [Fact]
    public void An_advertised_host_alone_still_binds_loopback()
    {
        Assert.Equal(IPAddress.Loopback, Decide(("Orleans:AdvertisedHost", "10.1.2.3")).ListenAddress);
    }

    [Fact]
    public void Listening_on_any_address_alone_is_refused_naming_every_way_out()
    {
        var refused = Assert.Throws<StartupRefusedException>(() => Decide(("Orleans:ListenOnAnyAddress", "true")));

        Assert.Contains("Orleans:ListenOnAnyAddress=true", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Orleans:Tls:CertificatePath", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Orleans:AllowInsecureGateway=true", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public void The_opt_out_allows_listening_on_any_address_and_is_marked_insecure()
    {
        var exposure = Decide(("Orleans:ListenOnAnyAddress", "TRUE"), ("Orleans:AllowInsecureGateway", "true"));

        Assert.Equal(IPAddress.Any, exposure.ListenAddress);
        Assert.True(exposure.Insecure);
    }

    [Fact]
    public void The_opt_out_on_loopback_changes_nothing()
    {
        Assert.False(Decide(("Orleans:AllowInsecureGateway", "true")).Insecure);
    }

    [Fact]
    public void Mutual_tls_allows_listening_on_any_address()
    {
        var exposure = Decide([("Orleans:ListenOnAnyAddress", "true"), .. Tls()]);

        Assert.Equal(IPAddress.Any, exposure.ListenAddress);
        Assert.NotNull(exposure.Tls);
        Assert.False(exposure.Insecure);
    }

    [Fact]
    public void Tls_is_used_on_loopback_too_when_configured()
    {
        Assert.NotNull(Decide(Tls()).Tls);
    }

    [Fact]
    public void A_certificate_without_a_ca_or_thumbprints_is_refused()
    {
        var refused = Assert.Throws<StartupRefusedException>(() => Decide(Tls().Where(s => !s.Key.EndsWith("CaCertificatePath", StringComparison.Ordinal)).ToArray()));

        Assert.Contains("Orleans:Tls:CaCertificatePath", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Orleans:Tls:AllowedThumbprints", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ca_without_a_certificate_is_refused_instead_of_silently_ignored()
    {
        var refused = Assert.Throws<StartupRefusedException>(() => Decide(("Orleans:Tls:CaCertificatePath", _certificates.CaPath)));

        Assert.Contains("Orleans:Tls:CertificatePath is not set", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_password_names_the_password_setting()
    {
        var settings = Tls().Select(s => s.Key.EndsWith("Password", StringComparison.Ordinal) ? (s.Key, "wrong") : s).ToArray();

        var refused = Assert.Throws<StartupRefusedException>(() => Decide(settings));

        Assert.Contains("Orleans:Tls:CertificatePassword is wrong", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_certificate_file_names_the_setting_and_the_path()
    {
        var missing = Path.Combine(_certificates.Folder, "nope.pfx");

        var refused = Assert.Throws<StartupRefusedException>(() => Decide(("Orleans:Tls:CertificatePath", missing), ("Orleans:Tls:CaCertificatePath", _certificates.CaPath)));

        Assert.Contains($"Orleans:Tls:CertificatePath: the file '{missing}' does not exist", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_thumbprint_is_refused()
    {
        var refused = Assert.Throws<StartupRefusedException>(() => Decide([.. Tls(), ("Orleans:Tls:AllowedThumbprints", "not-a-thumbprint")]));

        Assert.Contains("Orleans:Tls:AllowedThumbprints: 'not-a-thumbprint'", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Orleans:ListenOnAnyAddress", "yes")]
    [InlineData("Orleans:AllowInsecureGateway", "1")]
    public void A_flag_that_is_not_true_or_false_is_refused_naming_its_key(string key, string value)
    {
        var refused = Assert.Throws<StartupRefusedException>(() => Decide((key, value)));

        Assert.Equal($"{key} must be true or false, not '{value}'.", refused.Message);
    }

    [Theory]
    [InlineData(PeerCertificatePolicy.ServerAuthentication, "ClientAuthentication (1.3.6.1.5.5.7.3.2)")]
    [InlineData(PeerCertificatePolicy.ClientAuthentication, "ServerAuthentication (1.3.6.1.5.5.7.3.1)")]
    public void A_cluster_silo_certificate_lacking_a_usage_is_refused_naming_the_setting_and_the_usage(string onlyUsage, string missing)
    {
        var refused = Assert.Throws<StartupRefusedException>(() => DecideInCluster(Tls(SiloCertificate("CN=one-sided silo", onlyUsage))));

        Assert.StartsWith("Orleans:Tls:CertificatePath: the certificate 'CN=one-sided silo' does not allow " + missing, refused.Message, StringComparison.Ordinal);
        Assert.Contains("Trading:Storage:Provider=PostgreSql", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public void A_cluster_silo_certificate_with_both_usages_is_used()
    {
        Assert.NotNull(DecideInCluster(Tls()).Tls);
    }

    [Fact]
    public void A_certificate_without_extended_key_usage_allows_every_use_and_is_used_in_a_cluster()
    {
        using var authority = TestCertificates.Authority("CN=usage test CA", DateTimeOffset.UtcNow);
        var path = Path.Combine(_certificates.Folder, "no-usages.pfx");
        TestCertificates.Export(TestCertificates.LeafWithoutUsages(authority, "CN=any use", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7)), path);

        Assert.NotNull(DecideInCluster(Tls(path)).Tls);
    }

    [Fact]
    public void A_single_silo_never_dials_another_so_a_server_only_certificate_is_used()
    {
        Assert.NotNull(Decide(Tls(SiloCertificate("CN=server only", PeerCertificatePolicy.ServerAuthentication))).Tls);
    }

    [Fact]
    public void A_single_silo_certificate_without_server_authentication_is_refused()
    {
        var refused = Assert.Throws<StartupRefusedException>(() => Decide(Tls(SiloCertificate("CN=client only", PeerCertificatePolicy.ClientAuthentication))));

        Assert.StartsWith("Orleans:Tls:CertificatePath: the certificate 'CN=client only' does not allow ServerAuthentication (1.3.6.1.5.5.7.3.1)", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A silo certificate for the given usages only (its CA does not matter: the silo does not check its own chain).</summary>
    private string SiloCertificate(string subject, params string[] usages)
    {
        using var authority = TestCertificates.Authority("CN=usage test CA", DateTimeOffset.UtcNow);
        var path = Path.Combine(_certificates.Folder, Guid.NewGuid().ToString("N") + ".pfx");
        TestCertificates.Export(TestCertificates.Leaf(authority, subject, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7), usages), path);
        return path;
    }

    private (string Key, string Value)[] Tls(string certificatePath) =>
        Tls().Select(s => s.Key == "Orleans:Tls:CertificatePath" ? (s.Key, certificatePath) : s).ToArray();

    private (string Key, string Value)[] Tls() =>
    [
        ("Orleans:Tls:CertificatePath", _certificates.SiloPfx),
        ("Orleans:Tls:CertificatePassword", TestCertificates.Password),
        ("Orleans:Tls:CaCertificatePath", _certificates.CaPath),
    ];

    private static GatewayExposure Decide(params (string Key, string Value)[] settings) => Decide(cluster: false, settings);

    private static GatewayExposure DecideInCluster(params (string Key, string Value)[] settings) => Decide(cluster: true, settings);

    private static GatewayExposure Decide(bool cluster, (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return GatewayExposure.Decide(configuration, 11111, 30000, cluster);
    }

    public void Dispose() => _certificates.Dispose();
}
