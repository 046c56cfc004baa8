using System.Text;
using OrleansTrading.Dashboard.Tests.EndToEnd;

namespace OrleansTrading.Dashboard.Tests.Startup;

/// <summary>
/// The dashboard as a real process: a setting that does not allow a safe start stops it with one line on stderr
/// naming each bad key, and exit code 1, never a stack trace.
/// </summary>
public sealed class DashboardStartupRefusalTests
{
    private const string Prefix = "orleans-trading dashboard: refusing to start: ";

    [Theory]
    [InlineData("Orleans__Gateways", "silo", "Orleans:Gateways entry 'silo' is not host:port")]
    [InlineData("Orleans__Gateways", "localhost:99999", "Orleans:Gateways entry 'localhost:99999' is not host:port")]
    [InlineData("Dashboard__MaxFailedSignIns", "0", "Dashboard:MaxFailedSignIns must be between 1 and 1000.")]
    [InlineData("Dashboard__MaxFailedSignIns", "five", "Dashboard:MaxFailedSignIns")]
    [InlineData("Dashboard__LockoutDuration", "-00:01:00", "Dashboard:LockoutDuration must be between")]
    [InlineData("Dashboard__DataProtectionKeysPath", "/proc/version/keys", "Dashboard:DataProtectionKeysPath '/proc/version/keys' is not a folder this process can write")]
    [InlineData("ASPNETCORE_URLS", "http://0.0.0.0:{port}", "set Dashboard:OperatorPassword")]
    [InlineData("Orleans__Tls__CertificatePath", "/no/such/client.pfx", "Orleans:Tls:CertificatePath")]
    [InlineData("Trading__Storage__Provider", "Mongo", "Trading:Storage:Provider 'Mongo' must be one of Sqlite, PostgreSql.")]
    [InlineData("Trading__Storage__Provider", "PostgreSql", "Trading:Storage:PostgreSqlConnectionString must be an Npgsql connection string")]
    public async Task A_bad_setting_stops_the_start_in_one_line_naming_the_key(string key, string value, string expected)
    {
        var (line, exitCode) = await StartExpectingRefusalAsync(new Dictionary<string, string> { [key] = value });

        Assert.Equal(1, exitCode);
        Assert.StartsWith(Prefix, line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_bad_setting_is_named_in_the_same_line()
    {
        var (line, exitCode) = await StartExpectingRefusalAsync(new Dictionary<string, string>
        {
            ["Orleans__Gateways"] = "nonsense",
            ["Dashboard__MaxFailedSignIns"] = "0",
            ["Dashboard__LockoutDuration"] = "00:00:00",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("Orleans:Gateways", line, StringComparison.Ordinal);
        Assert.Contains("Dashboard:MaxFailedSignIns", line, StringComparison.Ordinal);
        Assert.Contains("Dashboard:LockoutDuration", line, StringComparison.Ordinal);
    }

    private static async Task<(string Line, int ExitCode)> StartExpectingRefusalAsync(Dictionary<string, string> settings)
    {
        var port = AppProcess.FreePorts(1)[0];
        foreach (var key in settings.Keys.ToList())
        {
            settings[key] = settings[key].Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        var log = new StringBuilder();
        await using var dashboard = AppProcess.Start("dashboard", "Dashboard", "OrleansTrading.Dashboard.dll", port, settings, log);
        var exitCode = await dashboard.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        return (line.Replace("[dashboard:err] ", "", StringComparison.Ordinal), exitCode);
    }
}
