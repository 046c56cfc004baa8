using OrleansTrading.Client.Connection;
using OrleansTrading.Client.Tests.Support;

namespace OrleansTrading.Client.Tests;

/// <summary>
/// The client's TLS settings are checked before connecting, and each message names what the user set: the option,
/// or the environment variable it came from. Connecting with real certificates is tested against a silo process.
/// </summary>
public sealed class CertificateOptionTests
{
    private readonly FakeConnector _connector = new();

    [Fact]
    public async Task Without_tls_settings_the_client_connects_without_tls()
    {
        var run = await CliRun.RunAsync(_connector, "accounts", "list");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Null(Assert.Single(_connector.Attempts).Tls);
    }

    [Fact]
    public async Task A_certificate_without_a_ca_or_thumbprint_is_refused_before_connecting()
    {
        var run = await CliRun.RunAsync(_connector, "accounts", "list", "--certificate", "client.pfx");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains("--certificate is set but neither --ca-certificate nor --server-thumbprint", run.Error, StringComparison.Ordinal);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task A_ca_without_a_certificate_is_refused_naming_the_missing_option()
    {
        var run = await CliRun.RunAsync(_connector, "accounts", "list", "--ca-certificate", "ca.crt");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.StartsWith("--certificate is not set", run.Error, StringComparison.Ordinal);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task A_missing_file_from_the_environment_names_the_variable()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "client.pfx");
        var environment = new Dictionary<string, string>
        {
            [ClientCertificateSettings.CertificateVariable] = missing,
            [ClientCertificateSettings.ThumbprintVariable] = new string('A', 64),
        };

        var run = await CliRun.RunWithEnvironmentAsync(_connector, environment, "accounts", "list");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains($"{ClientCertificateSettings.CertificateVariable}: the file '{missing}' does not exist", run.Error, StringComparison.Ordinal);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task An_option_wins_over_its_environment_variable()
    {
        var environment = new Dictionary<string, string> { [ClientCertificateSettings.CertificateVariable] = "from-environment.pfx" };

        var run = await CliRun.RunWithEnvironmentAsync(_connector, environment, "accounts", "list", "--certificate", "from-option.pfx", "--server-thumbprint", "zz");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains("--server-thumbprint: 'zz' is not a SHA-1", run.Error, StringComparison.Ordinal);

        var missing = await CliRun.RunWithEnvironmentAsync(_connector, environment, "accounts", "list", "--certificate", "from-option.pfx", "--server-thumbprint", new string('b', 40));
        Assert.Contains("--certificate: the file 'from-option.pfx' does not exist", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_password_is_not_shown_in_the_help()
    {
        var environment = new Dictionary<string, string> { [ClientCertificateSettings.PasswordVariable] = "s3cret-value" };

        var run = await CliRun.RunWithEnvironmentAsync(_connector, environment, "--help");

        Assert.Contains("--certificate-password", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value", run.Output, StringComparison.Ordinal);
    }
}
