using Microsoft.Extensions.Configuration;

namespace OrleansTrading.GatewaySecurity;

/// <summary>
/// Mutual TLS between the silo and its grain clients, as configured on either side: our own certificate (a PKCS#12
/// file with its private key) and how we recognise the peer's: signed by <see cref="CaCertificatePath"/>, or one
/// of <see cref="AllowedThumbprints"/>. The same keys serve the silo, the CLI and the dashboard.
/// </summary>
public sealed record GatewayTlsSettings(
    string? CertificatePath,
    string? CertificatePassword,
    string? CaCertificatePath,
    IReadOnlyList<string> AllowedThumbprints)
{
    /// <summary>The configuration section the silo and the dashboard read.</summary>
    public const string DefaultSection = "Orleans:Tls";

    /// <summary>TLS is on when a certificate is configured; the other settings only qualify it.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(CertificatePath);

    /// <summary>Any TLS setting at all: one without a certificate is a mistake worth refusing, not ignoring.</summary>
    public bool IsAnySet => IsEnabled || !string.IsNullOrWhiteSpace(CertificatePassword) ||
                            !string.IsNullOrWhiteSpace(CaCertificatePath) || AllowedThumbprints.Count > 0;

    public static GatewayTlsSettings FromConfiguration(IConfiguration section) => new(
        Blank(section[nameof(CertificatePath)]),
        section[nameof(CertificatePassword)],
        Blank(section[nameof(CaCertificatePath)]),
        SplitThumbprints(section[nameof(AllowedThumbprints)]));

    /// <summary>Thumbprints as one string, separated by commas, semicolons or spaces (also how an environment variable carries a list).</summary>
    public static IReadOnlyList<string> SplitThumbprints(string? text) =>
        (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
