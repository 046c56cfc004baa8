using System.CommandLine;
using OrleansTrading.GatewaySecurity;

namespace OrleansTrading.Client.Connection;

/// <summary>
/// The client's TLS settings: each from its option, else from its environment variable (where a password is not
/// visible to other users in the process list). Messages name whichever of the two the user set.
/// </summary>
public static class ClientCertificateSettings
{
    public const string CertificateVariable = "ORLEANS_TRADING_CERTIFICATE";
    public const string PasswordVariable = "ORLEANS_TRADING_CERTIFICATE_PASSWORD";
    public const string CaVariable = "ORLEANS_TRADING_CA_CERTIFICATE";
    public const string ThumbprintVariable = "ORLEANS_TRADING_SERVER_THUMBPRINT";

    public static (GatewayTlsSettings Settings, TlsSettingNames Names) Resolve(ParseResult parse, GlobalOptions globals, Func<string, string?> environment)
    {
        var (certificate, certificateName) = Pick(parse, globals.Certificate, CertificateVariable, environment);
        var (password, passwordName) = Pick(parse, globals.CertificatePassword, PasswordVariable, environment);
        var (ca, caName) = Pick(parse, globals.CaCertificate, CaVariable, environment);
        var (thumbprints, thumbprintName) = Pick(parse, globals.ServerThumbprint, ThumbprintVariable, environment);
        var settings = new GatewayTlsSettings(Blank(certificate), password, Blank(ca), GatewayTlsSettings.SplitThumbprints(thumbprints));
        return (settings, new TlsSettingNames(certificateName, passwordName, caName, thumbprintName));
    }

    private static (string? Value, string Name) Pick(ParseResult parse, Option<string?> option, string variable, Func<string, string?> environment)
    {
        var fromOption = parse.GetValue(option);
        if (fromOption is not null)
        {
            return (fromOption, option.Name);
        }

        return environment(variable) is { Length: > 0 } fromEnvironment ? (fromEnvironment, variable) : (null, option.Name);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
