using System.Security.Cryptography;

namespace OrleansTrading.Deployment.Tests.Support;

/// <summary>The variables an operator sets before <c>docker compose up</c>, with fresh random test values.</summary>
public static class ComposeVariables
{
    public const string ApiKey = "TRADING_API_KEY";
    public const string OperatorPassword = "TRADING_OPERATOR_PASSWORD";
    public const string CertificatePassword = "TRADING_CERTIFICATE_PASSWORD";

    public static IReadOnlyList<string> Required { get; } = [ApiKey, OperatorPassword, CertificatePassword];

    public static Dictionary<string, string> Test() => new(StringComparer.Ordinal)
    {
        [ApiKey] = "test-key-" + Random(),
        [OperatorPassword] = "test-operator-" + Random(),
        [CertificatePassword] = "test-pfx-" + Random(),
    };

    private static string Random() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
}
