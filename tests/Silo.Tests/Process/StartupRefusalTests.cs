using OrleansTrading.Silo.Tests.Infrastructure;

namespace OrleansTrading.Silo.Tests.OutOfProcess;

/// <summary>
/// The silo as a real process: each kind of bad setting an operator can make stops the start with one line on stderr
/// naming the key, and exit code 1, never a stack trace.
/// </summary>
public sealed class StartupRefusalTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "silo-refusal-" + Guid.NewGuid().ToString("N"));
    private readonly SiloLog _log = new();

    [Theory]
    [InlineData("Trading__StopLoss__Percent", "-2", "Trading:StopLoss:Percent must be greater than 0")]
    [InlineData("Trading__Filters__MaxSlippageBps", "-5", "Trading:Filters:MaxSlippageBps must not be negative")]
    [InlineData("Trading__TradingWindow__Start", "17:00", "Trading:TradingWindow:Start must be earlier than Trading:TradingWindow:End")]
    [InlineData("Trading__TradingWindow__TimeZone", "Mars/Olympus_Mons", "Trading:TradingWindow:TimeZone 'Mars/Olympus_Mons' is not a known time zone")]
    [InlineData("Trading__Reconciliation__Interval", "00:00:03", "Trading:Reconciliation:Interval must be between 00:00:05 and 00:00:10")]
    [InlineData("Trading__Reconciliation__Interval", "00:00:11", "Trading:Reconciliation:Interval must be between 00:00:05 and 00:00:10")]
    [InlineData("Orleans__GatewayPort", "abc", "Orleans:GatewayPort 'abc' is not a port number")]
    [InlineData("Orleans__SiloPort", "70000", "Orleans:SiloPort '70000' is not a port number")]
    [InlineData("Orleans__AdvertisedHost", "no-such-host.invalid", "Orleans:AdvertisedHost 'no-such-host.invalid' cannot be resolved")]
    [InlineData("Orleans__ListenOnAnyAddress", "yes", "Orleans:ListenOnAnyAddress must be true or false")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318", "OTEL_EXPORTER_OTLP_ENDPOINT 'collector:4318' is not an http:// or https:// address")]
    [InlineData("Trading__Storage__ConnectionString", "Data Source={file}/data/trading.db", "Trading:Storage:ConnectionString: cannot create the database folder")]
    public async Task A_bad_setting_stops_the_start_in_one_line_naming_the_key(string key, string value, string expected)
    {
        // A database "folder" that is really a file: it can never be created, even by root (who ignores permissions).
        var file = Path.Combine(_root, "a-file");
        Directory.CreateDirectory(_root);
        await File.WriteAllTextAsync(file, "not a folder");
        var settings = new Dictionary<string, string> { [key] = value.Replace("{file}", file, StringComparison.Ordinal) };

        var exitCode = await SiloProcess.StartExpectingRefusalAsync("silo", Path.Combine(_root, "db", "trading.db"), Path.Combine(_root, "work"), _log, Timeout, settings);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(_log.Lines("silo").Concat(_log.Lines("silo:err")));
        Assert.StartsWith("orleans-trading silo: refusing to start: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}
