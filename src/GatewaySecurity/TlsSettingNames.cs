namespace OrleansTrading.GatewaySecurity;

/// <summary>
/// How each TLS setting is spelled where the user set it (configuration keys on the silo and dashboard, options on
/// the command line), so every error message names the exact thing to fix.
/// </summary>
public sealed record TlsSettingNames(string Certificate, string Password, string CaCertificate, string AllowedThumbprints)
{
    /// <summary>The configuration keys under <paramref name="section"/>, e.g. <c>Orleans:Tls:CertificatePath</c>.</summary>
    public static TlsSettingNames ForConfiguration(string section) => new(
        $"{section}:{nameof(GatewayTlsSettings.CertificatePath)}",
        $"{section}:{nameof(GatewayTlsSettings.CertificatePassword)}",
        $"{section}:{nameof(GatewayTlsSettings.CaCertificatePath)}",
        $"{section}:{nameof(GatewayTlsSettings.AllowedThumbprints)}");
}
