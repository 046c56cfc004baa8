using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using OrleansTrading.Abstractions;
using OrleansTrading.Cluster.Tests.Support;
using OrleansTrading.GatewaySecurity;
using OrleansTrading.Silo.Tests.Infrastructure;
using OrleansTrading.Silo.Tests.OutOfProcess;
using OrleansTrading.Silo.Tests.Security;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrleansTrading.Cluster.Tests;

/// <summary>
/// Mutual TLS between the silos of a PostgreSQL cluster (issue 16): two silo processes with certificates of one CA
/// form a cluster and carry a signal from one silo's API to an account activated on the other; the silo port speaks
/// only TLS and only to a certificate of that CA; a third silo with a certificate of another CA cannot join, and the
/// silos it tried name its certificate in their logs; a cluster silo whose certificate lacks a usage refuses to start.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ClusterTlsTests(PostgreSqlServer server, ITestOutputHelper output) : IDisposable
{
    private const string ClusterId = "tls-test";
    private const string ServiceId = "orleans-trading";
    private const int Active = 3; // Orleans' SiloStatus.Active in OrleansMembershipTable.Status
    private const string Refusal = "Refused a TLS connection";
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(60);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cluster-tls-" + Guid.NewGuid().ToString("N"));
    private readonly SiloLog _log = new();
    private readonly TestCertificates _certificates = TestCertificates.Create();

    [Fact]
    public async Task Silos_of_one_ca_carry_signals_between_them_over_tls_and_a_silo_of_another_ca_cannot_join()
    {
        var watch = Stopwatch.StartNew();
        var connectionString = await server.CreateDatabaseAsync("clustertls");
        var silos = new List<SiloProcess>();
        try
        {
            silos.AddRange(await Task.WhenAll(
                StartSiloAsync("silo-a", connectionString, _certificates.SiloPfx),
                StartSiloAsync("silo-b", connectionString, _certificates.SiloPfx)));
            var (a, b) = (silos[0], silos[1]);
            _log.Note($"two TLS silos healthy after {watch.Elapsed.TotalSeconds:0.0} s");
            Assert.Equal(2, await ActiveSilosAsync(connectionString));

            // 1. Which silo hosts which account, asked through a grain client that itself needs its certificate.
            await using var grainClient = await ClusterClient.ConnectAsync(connectionString, ClusterId, ServiceId, ClientCredentials());
            var management = grainClient.Client.GetGrain<IManagementGrain>(0);
            await a.Http.PublishQuoteAsync("TLS", 100m, 100.05m);
            var hosts = new Dictionary<string, int>();
            for (var i = 1; i <= 8 && !(hosts.ContainsValue(a.SiloPort) && hosts.ContainsValue(b.SiloPort)); i++)
            {
                var account = $"tls-{i}";
                await (i % 2 == 1 ? a : b).Http.CreateAccountAsync(account);
                hosts[account] = (await management.GetActivationAddress(grainClient.Client.Account(account)))?.Endpoint.Port ?? 0;
            }

            _log.Note($"hosts: {string.Join(", ", hosts.Select(h => $"{h.Key} on {h.Value}"))}");
            Assert.All(hosts, h => Assert.Contains(h.Value, new[] { a.SiloPort, b.SiloPort }));

            // 2. A signal enters through the API of the silo that does not host the account: the silo-to-silo hop. Orleans
            // places accounts by load, so both directions are tried when the accounts landed on both silos.
            var crossings = silos.Where(host => hosts.ContainsValue(host.SiloPort))
                .Select(host => (Account: hosts.First(h => h.Value == host.SiloPort).Key, Host: host, Through: host == a ? b : a))
                .ToList();
            foreach (var (account, host, through) in crossings)
            {
                Assert.Equal("accepted", await SignalAsync(through, account, $"{account}-crossing"));
                Assert.Equal(host.SiloPort, (await management.GetActivationAddress(grainClient.Client.Account(account)))?.Endpoint.Port);
                _log.Note($"CROSSING: {account} on silo port {host.SiloPort} accepted a signal sent through the API of silo port {through.SiloPort}");
            }

            Assert.DoesNotContain(_log.ToString().Split(Environment.NewLine), l => l.Contains(Refusal, StringComparison.Ordinal));

            // 3. The silo port speaks TLS only, and only with a certificate of the cluster's CA.
            using (var silo = X509CertificateLoader.LoadPkcs12FromFile(_certificates.SiloPfx, TestCertificates.Password))
            using (var stranger = X509CertificateLoader.LoadPkcs12FromFile(_certificates.StrangerSiloPfx, TestCertificates.Password))
            {
                Assert.Equal(Handshake.Open, await TlsHandshakeAsync(a.SiloPort, silo));
                Assert.NotEqual(Handshake.Open, await TlsHandshakeAsync(a.SiloPort, clientCertificate: null));
                Assert.NotEqual(Handshake.Open, await TlsHandshakeAsync(a.SiloPort, stranger));
            }

            Assert.True(await PlaintextIsClosedAsync(a.SiloPort), "The silo port answered a plaintext peer instead of closing the connection.");
            Assert.Contains(_log.Lines("silo-a"), l => l.Contains(Refusal, StringComparison.Ordinal) && l.Contains("'CN=stranger silo'", StringComparison.Ordinal));

            // 4. A third silo with a certificate of another CA (both usages, and it trusts our CA) tries to join.
            var strangerStarted = DateTime.UtcNow;
            var refusalsBefore = new[] { "silo-a", "silo-b" }.ToDictionary(name => name, StrangerRefusals);
            await using (var intruder = SiloProcess.StartWithoutWaiting("silo-stranger", Path.Combine(_root, "silo-stranger", "unused.db"),
                             Path.Combine(_root, "silo-stranger"), _log, Settings(connectionString, _certificates.StrangerSiloPfx)))
            {
                // Its join pings reach both good silos, whose TLS refuses its certificate and says which one and why.
                await Poll.UntilAsync(() => Task.FromResult(refusalsBefore.All(before => StrangerRefusals(before.Key) > before.Value)),
                    refused => refused, TimeSpan.FromSeconds(45), "both good silos to refuse the stranger silo's certificate");
                _log.Note($"stranger silo refused by both good silos {(DateTime.UtcNow - strangerStarted).TotalSeconds:0.0} s after its start");

                // Give it the time a healthy silo needs to join here; it must not become Active, nor serve its API.
                await Task.Delay(TimeSpan.FromSeconds(3));
                Assert.Equal(0, await Databases.ScalarAsync<long>(connectionString,
                    "SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = $1 AND Port = $2 AND Status = $3;", ClusterId, intruder.SiloPort, Active));
                Assert.Equal(2, await ActiveSilosAsync(connectionString));
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                var health = await Record.ExceptionAsync(() => intruder.Http.GetAsync("/health", probe.Token));
                Assert.True(health is HttpRequestException or TaskCanceledException, "The stranger silo serves its API, so it started.");
            }

            // 5. The good silos go on carrying signals between them.
            foreach (var (account, _, through) in crossings)
            {
                Assert.Equal("accepted", await SignalAsync(through, account, $"{account}-after-stranger"));
            }

            Assert.Equal(2, await ActiveSilosAsync(connectionString));
        }
        catch (Exception ex) when (ex is not XunitException)
        {
            throw new XunitException($"{ex.GetType().Name}: {ex.Message}{_log.Dump()}", ex);
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }

            _log.Note($"test took {watch.Elapsed.TotalSeconds:0.0} s");
            output.WriteLine(_log.ToString());
        }
    }

    [Theory]
    [InlineData(PeerCertificatePolicy.ServerAuthentication, "ClientAuthentication (1.3.6.1.5.5.7.3.2)")]
    [InlineData(PeerCertificatePolicy.ClientAuthentication, "ServerAuthentication (1.3.6.1.5.5.7.3.1)")]
    public async Task A_cluster_silo_whose_certificate_lacks_a_usage_refuses_to_start_naming_the_setting_and_the_usage(string onlyUsage, string missing)
    {
        var certificate = Path.Combine(_certificates.Folder, "one-sided.pfx");
        using (var authority = TestCertificates.Authority("CN=one-sided CA", DateTimeOffset.UtcNow))
        {
            TestCertificates.Export(TestCertificates.Leaf(authority, "CN=one-sided silo", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7), onlyUsage),
                certificate);
        }

        // Refused before the database is touched: the connection string names a database nobody created.
        var exitCode = await SiloProcess.StartExpectingRefusalAsync("one-sided", Path.Combine(_root, "one-sided", "unused.db"), Path.Combine(_root, "one-sided"),
            _log, HealthTimeout, Settings(server.ConnectionString("never_created"), certificate));

        Assert.Equal(1, exitCode);
        var refusal = Assert.Single(_log.Lines("one-sided:err"), l => l.Contains("refusing to start", StringComparison.Ordinal));
        Assert.Contains($"Orleans:Tls:CertificatePath: the certificate 'CN=one-sided silo' does not allow {missing}", refusal, StringComparison.Ordinal);
        Assert.Contains("Trading:Storage:Provider=PostgreSql", refusal, StringComparison.Ordinal);
    }

    private enum Handshake
    {
        Failed,
        ClosedByServer,
        Open,
    }

    /// <summary>
    /// A TLS handshake with the silo port as a client with <paramref name="clientCertificate"/>. With TLS 1.3 the
    /// server judges the client's certificate after the client has finished, so a refusal may arrive on the first read:
    /// the connection is open only if the server neither failed the handshake nor closed it within two seconds.
    /// </summary>
    private async Task<Handshake> TlsHandshakeAsync(int port, X509Certificate2? clientCertificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            // This probe is about the silo judging us; the silo's own certificate is checked by the silos and clients.
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
            ClientCertificates = clientCertificate is null ? null : [clientCertificate],
        };
        try
        {
            using var handshake = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await tls.AuthenticateAsClientAsync(options, handshake.Token);
            using var read = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var buffer = new byte[64];
            var outcome = await tls.ReadAsync(buffer, read.Token) == 0 ? Handshake.ClosedByServer : Handshake.Open;
            _log.Note($"TLS probe of port {port} as '{clientCertificate?.Subject ?? "no certificate"}': {outcome}");
            return outcome;
        }
        catch (OperationCanceledException)
        {
            _log.Note($"TLS probe of port {port} as '{clientCertificate?.Subject ?? "no certificate"}': open, waiting for the Orleans preamble");
            return Handshake.Open;
        }
        catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or SocketException)
        {
            _log.Note($"TLS probe of port {port} as '{clientCertificate?.Subject ?? "no certificate"}': failed: {ex.GetType().Name}: {ex.Message}");
            return Handshake.Failed;
        }
    }

    /// <summary>A peer that speaks plaintext (what a silo without TLS sends first): the silo closes the connection.</summary>
    private async Task<bool> PlaintextIsClosedAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        try
        {
            await stream.WriteAsync(new byte[] { 0, 0, 0, 16, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 });
            using var read = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var buffer = new byte[64];
            var received = await stream.ReadAsync(buffer, read.Token);
            _log.Note($"plaintext probe of port {port}: {(received == 0 ? "closed by the silo" : $"{received} bytes back")}");
            return received == 0;
        }
        catch (IOException ex)
        {
            _log.Note($"plaintext probe of port {port}: reset by the silo ({ex.Message})");
            return true;
        }
        catch (OperationCanceledException)
        {
            _log.Note($"plaintext probe of port {port}: still open after 10 s");
            return false;
        }
    }

    private static async Task<string?> SignalAsync(SiloProcess through, string account, string signalId)
    {
        using var response = await through.Http.PostSignalAsync(account, TestApi.Signal(signalId, "TLS", "buy", 1m, "open"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{signalId} for {account} through silo port {through.SiloPort}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("status").GetString();
    }

    private static Task<long> ActiveSilosAsync(string connectionString) => Databases.ScalarAsync<long>(connectionString,
        "SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = $1 AND Status = $2;", ClusterId, Active);

    /// <summary>How many times a silo has logged refusing the stranger silo's certificate because another CA signed it.</summary>
    private int StrangerRefusals(string silo) => _log.Lines(silo).Count(l =>
        l.Contains(Refusal, StringComparison.Ordinal) && l.Contains("'CN=stranger silo' is not signed by the configured CA", StringComparison.Ordinal));

    private GatewayTlsCredentials ClientCredentials() => GatewayTlsCredentials.Load(
        new GatewayTlsSettings(_certificates.ClientPfx, TestCertificates.Password, _certificates.CaPath, []),
        TlsSettingNames.ForConfiguration("test-client"), PeerCertificatePolicy.ServerAuthentication);

    private Dictionary<string, string> Settings(string connectionString, string certificatePath) => new()
    {
        ["Trading__Storage__Provider"] = "PostgreSql",
        ["Trading__Storage__PostgreSqlConnectionString"] = connectionString,
        ["Orleans__ClusterId"] = ClusterId,
        ["Orleans__ServiceId"] = ServiceId,
        ["Orleans__Tls__CertificatePath"] = certificatePath,
        ["Orleans__Tls__CertificatePassword"] = TestCertificates.Password,
        // Every silo trusts the cluster's CA, the stranger too: what keeps it out is the others' judgement of its certificate.
        ["Orleans__Tls__CaCertificatePath"] = _certificates.CaPath,
    };

    private Task<SiloProcess> StartSiloAsync(string name, string connectionString, string certificatePath) =>
        SiloProcess.StartAsync(name, Path.Combine(_root, name, "unused.db"), Path.Combine(_root, name), _log, HealthTimeout, Settings(connectionString, certificatePath));

    public void Dispose()
    {
        _certificates.Dispose();
        try
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }
}
