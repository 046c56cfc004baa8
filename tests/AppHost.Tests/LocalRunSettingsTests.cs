using Microsoft.Extensions.Configuration;

namespace OrleansTrading.AppHost.Tests;

public sealed class LocalRunSettingsTests
{
    private static LocalRunSettings Read(params (string Key, string Value)[] values) =>
        LocalRunSettings.From(
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build(),
            "/repo");

    [Fact]
    public void Without_settings_the_database_is_under_data_at_the_repository_root_and_the_usual_ports_are_used()
    {
        var local = Read();

        Assert.Equal(Path.Combine("/repo", "data", "trading.db"), local.DatabasePath);
        Assert.Equal((5000, 5080, 11111, 30000), (local.ApiPort, local.DashboardPort, local.SiloPort, local.GatewayPort));
        Assert.Equal("http://localhost:5000/", local.ApiUrl.ToString());
        Assert.Equal("http://localhost:5080/", local.DashboardUrl.ToString());
        Assert.Equal("127.0.0.1:30000", local.Gateway);
        Assert.True(local.DemoEnabled);
    }

    [Fact]
    public void A_relative_data_directory_is_taken_from_the_current_directory()
    {
        var local = Read(("LocalRun:DataDirectory", "elsewhere"));

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "elsewhere", "trading.db"), local.DatabasePath);
    }

    [Fact]
    public void Every_bad_key_is_named_at_once()
    {
        var refusal = Assert.Throws<InvalidLocalRunSettingsException>(() => Read(
            ("LocalRun:ApiPort", "0"),
            ("LocalRun:SiloPort", "abc"),
            ("Trading:Demo:Enabled", "yes")));

        Assert.Contains("LocalRun:ApiPort must be a port number from 1 to 65535, not '0'.", refusal.Message);
        Assert.Contains("LocalRun:SiloPort must be a port number from 1 to 65535, not 'abc'.", refusal.Message);
        Assert.Contains("Trading:Demo:Enabled must be true or false, not 'yes'.", refusal.Message);
        Assert.DoesNotContain(Environment.NewLine, refusal.Message);
    }

    [Fact]
    public void Two_processes_on_one_port_are_refused()
    {
        var refusal = Assert.Throws<InvalidLocalRunSettingsException>(() => Read(("LocalRun:DashboardPort", "5000")));

        Assert.Equal("LocalRun:ApiPort and LocalRun:DashboardPort are all 5000: each needs its own port.", refusal.Message);
    }
}
