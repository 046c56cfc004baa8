using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace OrleansTrading.AppHost;

/// <summary>
/// What the one-command local start needs to know: where the database lives and which loopback ports the silo,
/// its gateway, the HTTP API and the dashboard use. Read from the section <c>LocalRun</c> (environment variables
/// <c>LocalRun__ApiPort</c> and so on, or <c>--LocalRun:ApiPort=...</c>), and whether the demo market runs: the
/// engine's own keys <c>Trading:Demo:Enabled</c> and <c>Trading:Demo:IgnoreTradingWindow</c>, both on by default
/// here (and only here). Every bad key is reported at once.
/// </summary>
public sealed record LocalRunSettings(string DataDirectory, int ApiPort, int DashboardPort, int SiloPort, int GatewayPort, bool DemoEnabled,
    bool DemoIgnoresTradingWindow)
{
    public const string SectionName = "LocalRun";
    public const string DemoEnabledKey = "Trading:Demo:Enabled";
    public const string DemoIgnoreTradingWindowKey = "Trading:Demo:IgnoreTradingWindow";

    public string DatabasePath => Path.Combine(DataDirectory, "trading.db");

    public Uri ApiUrl => LocalUrl(ApiPort);

    public Uri DashboardUrl => LocalUrl(DashboardPort);

    /// <summary>The gateway as grain clients name it: the silo binds IPv4 loopback.</summary>
    public string Gateway => $"127.0.0.1:{GatewayPort.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Reads and checks the settings. <paramref name="repositoryRoot"/> is where the default <c>data/</c> folder goes;
    /// a relative <c>LocalRun:DataDirectory</c> is taken from the current directory, like any path typed in a shell.
    /// Throws <see cref="InvalidLocalRunSettingsException"/> naming every bad key.
    /// </summary>
    public static LocalRunSettings From(IConfiguration configuration, string repositoryRoot)
    {
        var section = configuration.GetSection(SectionName);
        var problems = new List<string>();

        var dataDirectory = section["DataDirectory"];
        dataDirectory = string.IsNullOrWhiteSpace(dataDirectory)
            ? Path.Combine(repositoryRoot, "data")
            : Path.GetFullPath(dataDirectory.Trim());

        var ports = new (string Key, int Default)[] { ("ApiPort", 5000), ("DashboardPort", 5080), ("SiloPort", 11111), ("GatewayPort", 30000) }
            .Select(p => (p.Key, Value: Port(section, p.Key, p.Default, problems)))
            .ToList();
        foreach (var clash in ports.Where(p => p.Value > 0).GroupBy(p => p.Value).Where(g => g.Count() > 1))
        {
            problems.Add($"{string.Join(" and ", clash.Select(p => $"{SectionName}:{p.Key}"))} are all {clash.Key}: each needs its own port.");
        }

        var demoEnabled = Flag(configuration, DemoEnabledKey, problems);
        var demoIgnoresWindow = Flag(configuration, DemoIgnoreTradingWindowKey, problems);

        if (problems.Count > 0)
        {
            throw new InvalidLocalRunSettingsException(problems);
        }

        return new LocalRunSettings(dataDirectory, ports[0].Value, ports[1].Value, ports[2].Value, ports[3].Value, demoEnabled,
            demoEnabled && demoIgnoresWindow);
    }

    /// <summary>A true/false setting that is true unless set otherwise (the local start is the demo's home).</summary>
    private static bool Flag(IConfiguration configuration, string key, List<string> problems)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (bool.TryParse(text.Trim(), out var value))
        {
            return value;
        }

        problems.Add($"{key} must be true or false, not '{text}'.");
        return false;
    }

    private static int Port(IConfigurationSection section, string key, int defaultValue, List<string> problems)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return defaultValue;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
        {
            return port;
        }

        problems.Add($"{SectionName}:{key} must be a port number from 1 to 65535, not '{text}'.");
        return 0;
    }

    private static Uri LocalUrl(int port) => new($"http://localhost:{port.ToString(CultureInfo.InvariantCulture)}/");
}

/// <summary>Invalid <c>LocalRun</c> settings: the message names every bad key, one sentence each, on one line.</summary>
public sealed class InvalidLocalRunSettingsException(IReadOnlyList<string> problems) : Exception(string.Join(" ", problems));
