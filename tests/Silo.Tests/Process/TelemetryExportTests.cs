using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OrleansTrading.Silo.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrleansTrading.Silo.Tests.OutOfProcess;

/// <summary>
/// The silo process given an OTLP endpoint (as the local start's Aspire host or a collector would be) exports its
/// metrics there (the engine's decisions with their words, the writer's commits, Orleans' own) and its logs, under the
/// service name it was given. The receiver is a plain HTTP listener that keeps each OTLP/protobuf body; metric names and
/// attribute values are UTF-8 strings inside it.
/// </summary>
public sealed class TelemetryExportTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "silo-otlp-" + Guid.NewGuid().ToString("N"));
    private readonly SiloLog _log = new();

    [Fact]
    public async Task A_silo_given_an_otlp_endpoint_exports_its_metrics_and_logs_there()
    {
        using var receiver = new OtlpReceiver();
        var settings = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Address,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "500",
            ["OTEL_SERVICE_NAME"] = "silo-under-test",
        };
        try
        {
            await using var silo = await SiloProcess.StartAsync("silo", Path.Combine(_root, "data", "trading.db"), Path.Combine(_root, "work"),
                _log, TimeSpan.FromSeconds(60), settings);
            await silo.Http.CreateAccountAsync("otlp-va");
            await silo.Http.PublishQuoteAsync("MSFT", 99.95m, 100m);
            using (var signal = await silo.Http.PostSignalAsync("otlp-va", TestApi.Signal("otlp-signal-1", "MSFT", "buy", 10m, "open")))
            {
                Assert.Equal(HttpStatusCode.OK, signal.StatusCode);
            }

            var body = await Poll.UntilAsync(() => Task.FromResult(receiver.Text("/v1/metrics")),
                text => text.Contains("trading.signal.decisions", StringComparison.Ordinal) && text.Contains("accepted", StringComparison.Ordinal)
                    && text.Contains("trading.storage.commits", StringComparison.Ordinal),
                TimeSpan.FromSeconds(20), "the engine's metrics at the OTLP receiver");

            Assert.Contains("silo-under-test", body, StringComparison.Ordinal);
            Assert.Contains("Microsoft.Orleans", body, StringComparison.Ordinal); // Orleans' own meter, as the instruments' scope
            Assert.Contains("OrleansTrading", body, StringComparison.Ordinal); // the engine's
            // The decision's log line, with its account and signal ids, as a structured record.
            await Poll.UntilAsync(() => Task.FromResult(receiver.Text("/v1/logs")),
                text => text.Contains("otlp-va", StringComparison.Ordinal) && text.Contains("otlp-signal-1", StringComparison.Ordinal),
                TimeSpan.FromSeconds(20), "the silo's logs at the OTLP receiver");
            Assert.All(receiver.Paths, path => Assert.Contains(path, new[] { "/v1/metrics", "/v1/logs" }));
        }
        catch (Exception ex) when (ex is not XunitException)
        {
            throw new XunitException($"{ex.GetType().Name}: {ex.Message}{_log.Dump()}", ex);
        }
        finally
        {
            output.WriteLine(_log.ToString());
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // gone already, or a file still held open: the temp folder is cleaned up by the system later
        }
    }

    /// <summary>Answers every POST with 200 and keeps its body and path.</summary>
    private sealed class OtlpReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();
        private readonly Task _loop;

        public OtlpReceiver()
        {
            var port = FreePort();
            Address = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Address + "/");
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public string Address { get; }

        public IEnumerable<string> Paths => _received.Select(r => r.Path);

        /// <summary>Every body posted to <paramref name="path"/> so far, as text (protobuf's strings are UTF-8 inside it).</summary>
        public string Text(string path) =>
            string.Concat(_received.Where(r => r.Path == path).Select(r => Encoding.UTF8.GetString(r.Body)));

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _received.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        public void Dispose()
        {
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
