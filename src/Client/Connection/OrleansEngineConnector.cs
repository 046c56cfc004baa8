using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Networking.Shared;
using Orleans.Runtime.Messaging;
using OrleansTrading.GatewaySecurity;

namespace OrleansTrading.Client.Connection;

/// <summary>
/// Connects as an Orleans client through one static gateway. The attempt is bounded: connection failures are
/// retried for <see cref="RetryWindow"/>, and the whole start is abandoned after <see cref="ConnectTimeout"/>.
/// </summary>
public sealed class OrleansEngineConnector : IEngineConnector
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan RetryWindow = TimeSpan.FromSeconds(8);
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    public async Task<ITradingEngine> ConnectAsync(ClusterTarget target, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        // A cluster on PostgreSQL lists its live gateways in its database; otherwise the one --gateway.
        var endpoint = target.ClusterDatabase is null ? await ResolveAsync(target, timeout.Token, cancellationToken) : null;
        var retry = new ConnectionRetryPolicy(RetryWindow, RetryDelay);
        string? siloRejected = null;
        var host = BuildHost(target, endpoint, retry, reason => siloRejected ??= reason);
        try
        {
            await host.StartAsync(timeout.Token).WaitAsync(timeout.Token);
            return new OrleansTradingEngine(host, host.Services.GetRequiredService<IClusterClient>(), StopTimeout);
        }
        catch (Exception ex)
        {
            await OrleansTradingEngine.StopQuietlyAsync(host, StopTimeout);
            if (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The connection attempt was cancelled.", ex, cancellationToken);
            }

            throw new EngineUnavailableException(
                $"Cannot reach the Orleans gateway at {target}: {Describe(ex, target, siloRejected, retry.Failures)} ({retry.Attempts} attempt{(retry.Attempts == 1 ? "" : "s")} " +
                $"to {(object?)endpoint ?? "the listed gateways"}). Is the silo running, and do {(endpoint is null ? "--cluster-database" : "--gateway")}, " +
                "--cluster-id and --service-id match it?", ex);
        }
    }

    private static IHost BuildHost(ClusterTarget target, IPEndPoint? endpoint, ConnectionRetryPolicy retry, Action<string> onSiloRejected)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            if (endpoint is null)
            {
                client.UseAdoNetClustering(options =>
                {
                    options.Invariant = "Npgsql";
                    options.ConnectionString = target.ClusterDatabase;
                });
            }
            else
            {
                client.UseStaticClustering(endpoint);
            }

            client
                .Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = target.ClusterId;
                    cluster.ServiceId = target.ServiceId;
                })
                .UseConnectionRetryFilter(retry);
            if (target.Tls is { } tls)
            {
                client.UseGatewayTls(tls, onSiloRejected);
            }
        });
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = StopTimeout);
        return builder.Build();
    }

    /// <summary>An IP literal is used as is; a hostname is resolved, preferring IPv4 (silos bind IPv4 by default).</summary>
    private static async Task<IPEndPoint> ResolveAsync(ClusterTarget target, CancellationToken timeout, CancellationToken cancellation)
    {
        var gateway = target.Gateway;
        if (IPAddress.TryParse(gateway.Host, out var literal))
        {
            return new IPEndPoint(literal, gateway.Port);
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(gateway.Host, timeout);
        }
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellation.IsCancellationRequested))
        {
            throw new EngineUnavailableException($"Cannot resolve the gateway host '{gateway.Host}': {ex.Message}", ex);
        }

        var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new EngineUnavailableException($"The gateway host '{gateway.Host}' has no IP address.");
        return new IPEndPoint(address, gateway.Port);
    }

    private static string Describe(Exception exception, ClusterTarget target, string? siloRejected, IReadOnlyList<Exception> failures) => exception switch
    {
        _ when siloRejected is not null =>
            $"this client does not trust the silo's certificate: {siloRejected}; check --ca-certificate or --server-thumbprint",
        // Any attempt counts: on a busy machine the last one may end in the overall timeout instead.
        _ when ClosedDuringHandshake(exception) || failures.Any(ClosedDuringHandshake) => target.Tls is null
            ? "the gateway closed the connection during the handshake: it probably requires mutual TLS. Connect with a client " +
              $"certificate: --certificate FILE.pfx, --certificate-password and --ca-certificate CA.crt (or {ClientCertificateSettings.CertificateVariable}, " +
              $"{ClientCertificateSettings.PasswordVariable}, {ClientCertificateSettings.CaVariable})"
            : $"the gateway closed the connection during the handshake: the silo did not accept the client certificate '{target.Tls.Certificate.Subject}' " +
              "(it must be signed by the silo's Orleans:Tls:CaCertificatePath or listed in Orleans:Tls:AllowedThumbprints), or the silo does not use TLS",
        OperationCanceledException => $"no connection within {ConnectTimeout.TotalSeconds:0} s",
        _ when Innermost(exception) is ConnectionFailedException or SocketConnectionException or SocketException =>
            "the connection was refused or could not be established",
        _ => Innermost(exception).Message,
    };

    /// <summary>
    /// The TCP connection was made but closed before the Orleans preamble was exchanged: what a TLS gateway does to a
    /// plain client or to a certificate it does not trust, and what a plain gateway does to a TLS client.
    /// </summary>
    private static bool ClosedDuringHandshake(Exception exception) => Innermost(exception) switch
    {
        InvalidOperationException e => e.Message.Contains("terminated prematurely", StringComparison.Ordinal),
        Microsoft.AspNetCore.Connections.ConnectionAbortedException => true,
        _ => false,
    };

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }
}
