using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace OrleansTrading.Silo.Tests;

/// <summary>A bad setting must stop the silo at start-up with a message naming every bad key.</summary>
public sealed class StartupValidationTests
{
    private static Exception StartWith(params (string Key, string Value)[] settings)
    {
        var (siloPort, gatewayPort) = Infrastructure.SiloApiFactory.FreeLoopbackPorts();
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Orleans:SiloPort", siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Orleans:GatewayPort", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Trading:Storage:ConnectionString", $"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "t.db")}");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
        return Assert.ThrowsAny<Exception>(() => factory.CreateClient());
    }

    [Fact]
    public void Every_invalid_setting_is_reported_by_its_key_at_once()
    {
        var error = StartWith(
            ("Trading:Filters:MaxSpreadBps", "-1"),
            ("Trading:TradingWindow:TimeZone", "Mars/Olympus_Mons"),
            ("Trading:Reconciliation:Interval", "00:00:30"));

        var validation = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(validation.Failures, f => f.StartsWith("Trading:Filters:MaxSpreadBps", StringComparison.Ordinal));
        Assert.Contains(validation.Failures, f => f.StartsWith("Trading:TradingWindow:TimeZone", StringComparison.Ordinal));
        Assert.Contains(validation.Failures, f => f.StartsWith("Trading:Reconciliation:Interval", StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_its_key()
    {
        var error = StartWith(("Trading:Governor:MaxOpenPositions", "three"));
        Assert.Contains("Trading:Governor:MaxOpenPositions", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_without_a_data_source_is_refused()
    {
        var error = StartWith(("Trading:Storage:ConnectionString", "Mode=ReadOnly"));
        Assert.Contains("Trading:Storage:ConnectionString", error.ToString(), StringComparison.Ordinal);
    }
}
