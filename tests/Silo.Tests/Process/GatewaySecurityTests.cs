using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using OrleansTrading.Abstractions;
using OrleansTrading.Client;
using OrleansTrading.Client.Connection;
using OrleansTrading.GatewaySecurity;
using OrleansTrading.Silo.Tests.Security;

namespace OrleansTrading.Silo.Tests.OutOfProcess;

/// <summary>
/// The gateway lets no one in: the real silo process on loopback ports, with throwaway certificates, and the real
/// CLI (in-process) as the grain client.
/// </summary>
public sealed class GatewaySecurityTests : IAsyncLifetime
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(60);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gateway-security-" + Guid.NewGuid().ToString("N"));
    private readonly SiloLog _log = new();
    private readonly TestCertificates _certificates = TestCertificates.Create();

    private string DatabasePath => Path.Combine(_root, "data", "trading.db");

    private Dictionary<string, string> TlsSettings => new()
    {
        ["Orleans__Tls__CertificatePath"] = _certificates.SiloPfx,
        ["Orleans__Tls__CertificatePassword"] = TestCertificates.Password,
        ["Orleans__Tls__CaCertificatePath"] = _certificates.CaPath,
    };

    [Fact]
    public async Task A_tls_silo_accepts_the_cli_with_its_client_certificate_and_trades()
    {
        await using var silo = await SiloProcess.StartAsync("tls", DatabasePath, Path.Combine(_root, "tls"), _log, HealthTimeout, TlsSettings);
        Assert.Contains(_log.Lines("tls"), l => l.Contains("requires mutual TLS", StringComparison.Ordinal));
        string[] certificate = ["--certificate", _certificates.ClientPfx, "--certificate-password", TestCertificates.Password, "--ca-certificate", _certificates.CaPath];

        Assert.Equal(ExitCodes.Success, (await CliAsync(silo, null, ["accounts", "create", "tls-1", "--balance", "100000", .. certificate])).ExitCode);
        Assert.Equal(ExitCodes.Success, (await CliAsync(silo, null, ["quote", "publish", "AAPL", "--bid", "100", "--ask", "100.05", .. certificate])).ExitCode);

        // The same settings from the environment, as a script would pass them (the password stays out of the process list).
        var environment = new Dictionary<string, string>
        {
            [ClientCertificateSettings.CertificateVariable] = _certificates.ClientPfx,
            [ClientCertificateSettings.PasswordVariable] = TestCertificates.Password,
            [ClientCertificateSettings.CaVariable] = _certificates.CaPath,
        };
        var signal = await CliAsync(silo, environment, ["signal", "tls-1", "--symbol", "AAPL", "--side", "buy", "--quantity", "10", "--action", "open", "--json"]);

        Assert.Equal(ExitCodes.Success, signal.ExitCode);
        Assert.Equal("accepted", JsonDocument.Parse(signal.Output).RootElement.GetProperty("status").GetString());

        // The dashboard's way in: the same client TLS settings read from configuration.
        Assert.Contains("tls-1", await ListAccountsThroughConfiguredClientAsync(silo.GatewayPort));
    }

    [Fact]
    public async Task A_tls_silo_refuses_a_client_without_a_certificate_or_with_one_it_does_not_trust()
    {
        await using var silo = await SiloProcess.StartAsync("guarded", DatabasePath, Path.Combine(_root, "guarded"), _log, HealthTimeout, TlsSettings);

        // Both run at once: each refusal waits out the CLI's connection retries.
        var runs = await Task.WhenAll(
            CliAsync(silo, null, ["accounts", "create", "intruder-plain", "--balance", "100"]),
            CliAsync(silo, null, ["accounts", "create", "intruder-stranger", "--balance", "100",
                "--certificate", _certificates.StrangerPfx, "--certificate-password", TestCertificates.Password, "--ca-certificate", _certificates.CaPath]));
        var (plain, stranger) = (runs[0], runs[1]);

        Assert.Equal(ExitCodes.ClusterUnavailable, plain.ExitCode);
        Assert.True(plain.Error.Contains("requires mutual TLS", StringComparison.Ordinal), plain.Error);
        Assert.Contains("--certificate", plain.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ClusterUnavailable, stranger.ExitCode);
        Assert.True(stranger.Error.Contains("did not accept the client certificate 'CN=stranger'", StringComparison.Ordinal), stranger.Error);

        using var accounts = await silo.Http.GetAsync("/api/accounts");
        Assert.Equal("[]", await accounts.Content.ReadAsStringAsync());
        using var health = await silo.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task The_cli_refuses_a_silo_whose_certificate_its_ca_did_not_sign()
    {
        await using var silo = await SiloProcess.StartAsync("unknown-silo", DatabasePath, Path.Combine(_root, "unknown-silo"), _log, HealthTimeout, TlsSettings);
        var otherCa = Path.Combine(_certificates.Folder, "other-ca.crt");
        using (var authority = TestCertificates.Authority("CN=Not the silo's CA", DateTimeOffset.UtcNow))
        {
            await File.WriteAllTextAsync(otherCa, authority.ExportCertificatePem());
        }

        var run = await CliAsync(silo, null, ["accounts", "list",
            "--certificate", _certificates.ClientPfx, "--certificate-password", TestCertificates.Password, "--ca-certificate", otherCa]);

        Assert.Equal(ExitCodes.ClusterUnavailable, run.ExitCode);
        Assert.Contains("does not trust the silo's certificate", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_advertised_host_without_listen_any_binds_loopback_only()
    {
        var external = NonLoopbackAddress();
        await using var silo = await SiloProcess.StartAsync("advertised", DatabasePath, Path.Combine(_root, "advertised"), _log, HealthTimeout,
            new Dictionary<string, string> { ["Orleans__AdvertisedHost"] = external?.ToString() ?? Dns.GetHostName() });

        foreach (var port in new[] { silo.GatewayPort, silo.SiloPort })
        {
            var bound = ListeningSockets.On(port);
            Assert.NotEmpty(bound);
            Assert.All(bound, address => Assert.True(IPAddress.IsLoopback(address), $"port {port} listens on {address}{_log.Dump()}"));
        }

        if (external is not null)
        {
            using var outsider = new TcpClient();
            var refused = await Assert.ThrowsAnyAsync<SocketException>(() => outsider.ConnectAsync(external, silo.GatewayPort));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }

        Assert.Equal(ExitCodes.Success, (await CliAsync(silo, null, ["accounts", "create", "local-1", "--balance", "100"])).ExitCode);
    }

    [Fact]
    public async Task Listening_on_any_address_without_tls_or_the_opt_out_refuses_to_start_naming_the_settings()
    {
        var exitCode = await SiloProcess.StartExpectingRefusalAsync("exposed", DatabasePath, Path.Combine(_root, "exposed"), _log, HealthTimeout,
            new Dictionary<string, string> { ["Orleans__ListenOnAnyAddress"] = "true" });

        Assert.Equal(1, exitCode);
        var refusal = Assert.Single(_log.Lines("exposed:err"), l => l.Contains("refusing to start", StringComparison.Ordinal));
        Assert.Contains("Orleans:ListenOnAnyAddress=true", refusal, StringComparison.Ordinal);
        Assert.Contains("Orleans:Tls:CertificatePath", refusal, StringComparison.Ordinal);
        Assert.Contains("Orleans:Tls:CaCertificatePath", refusal, StringComparison.Ordinal);
        Assert.Contains("Orleans:AllowInsecureGateway=true", refusal, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath), "a refused start must not create the database");
    }

    [Fact]
    public async Task Listening_on_any_address_while_advertising_a_loopback_name_refuses_to_start_naming_the_setting()
    {
        // Refused before anything binds, so this test never opens a port beyond loopback.
        var exitCode = await SiloProcess.StartExpectingRefusalAsync("advertises-loopback", DatabasePath, Path.Combine(_root, "advertises-loopback"), _log,
            HealthTimeout, new Dictionary<string, string>
            {
                ["Orleans__ListenOnAnyAddress"] = "true",
                ["Orleans__AllowInsecureGateway"] = "true",
                ["Orleans__AdvertisedHost"] = "localhost",
            });

        Assert.Equal(1, exitCode);
        var refusal = Assert.Single(_log.Lines("advertises-loopback:err"), l => l.Contains("refusing to start", StringComparison.Ordinal));
        Assert.Contains("Orleans:AdvertisedHost 'localhost' is the loopback address 127.0.0.1", refusal, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath), "a refused start must not create the database");
    }

    [Fact]
    public async Task Listening_on_any_address_with_the_opt_out_starts_and_logs_a_critical_warning()
    {
        // This one test binds every interface, on a random free port, for the few seconds the silo runs.
        await using var silo = await SiloProcess.StartAsync("insecure", DatabasePath, Path.Combine(_root, "insecure"), _log, HealthTimeout,
            new Dictionary<string, string> { ["Orleans__ListenOnAnyAddress"] = "true", ["Orleans__AllowInsecureGateway"] = "true" });

        var warning = Assert.Single(_log.Lines("insecure"), l => l.Contains("INSECURE", StringComparison.Ordinal));
        Assert.StartsWith("crit:", warning.Split(' ', 2)[1], StringComparison.Ordinal);
        Assert.Contains("Orleans:AllowInsecureGateway=true", warning, StringComparison.Ordinal);
        Assert.Contains(IPAddress.Any, ListeningSockets.On(silo.GatewayPort));
        Assert.Equal(ExitCodes.Success, (await CliAsync(silo, null, ["accounts", "create", "open-1", "--balance", "100"])).ExitCode);
    }

    private async Task<(int ExitCode, string Output, string Error)> CliAsync(SiloProcess silo, IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] command = ["--gateway", $"127.0.0.1:{silo.GatewayPort}", .. args];
        var exitCode = await TradingCli.RunAsync(command, new OrleansEngineConnector(), output, error,
            environment: name => environment?.GetValueOrDefault(name));
        _log.Note($"cli {string.Join(' ', args)} -> {exitCode}: {output}{error}");
        return (exitCode, output.ToString(), error.ToString());
    }

    private async Task<IReadOnlyList<string>> ListAccountsThroughConfiguredClientAsync(int gatewayPort)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:Tls:CertificatePath"] = _certificates.ClientPfx,
            ["Orleans:Tls:CertificatePassword"] = TestCertificates.Password,
            ["Orleans:Tls:CaCertificatePath"] = _certificates.CaPath,
        });
        var tlsOn = false;
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort))
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("orleans-trading", "orleans-trading"));
            tlsOn = client.UseGatewayTls(builder.Configuration);
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            Assert.True(tlsOn);
            return await host.Services.GetRequiredService<IClusterClient>().AccountDirectory().ListAsync();
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static IPAddress? NonLoopbackAddress() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address)
        .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _certificates.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }
}
