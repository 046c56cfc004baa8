using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;

namespace OrleansTrading.Dashboard.Hosting;

/// <summary>
/// The gateways of <c>Orleans:Gateways</c>, with host names resolved every time Orleans refreshes its list (and at once
/// when every known gateway has failed), not once at start: a recreated silo container comes back under the same
/// service name at a new address, and the dashboard follows it. A name that does not resolve yet (its container is not
/// running) is left out until it does; with none left, Orleans keeps retrying the connection.
/// </summary>
public sealed partial class ResolvingGatewayListProvider(
    IReadOnlyList<GatewayEntry> gateways,
    Func<string, CancellationToken, Task<IPAddress[]>> lookup,
    TimeSpan maxStaleness,
    ILogger<ResolvingGatewayListProvider> logger) : IGatewayListProvider
{
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    // What each host name last resolved to (null: it did not), so only changes are logged.
    private readonly ConcurrentDictionary<string, IPAddress?> _lastResolved = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan MaxStaleness => maxStaleness;

    [Obsolete("Orleans no longer reads it; every provider is refreshed.")]
    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    public async Task<IList<Uri>> GetGateways()
    {
        var uris = new List<Uri>(gateways.Count);
        foreach (var gateway in gateways)
        {
            if (await ResolveAsync(gateway) is { } address)
            {
                uris.Add(new IPEndPoint(address, gateway.Port).ToGatewayUri());
            }
        }

        return uris;
    }

    private async Task<IPAddress?> ResolveAsync(GatewayEntry gateway)
    {
        if (IPAddress.TryParse(gateway.Host, out var literal))
        {
            return literal;
        }

        IPAddress? address;
        string? problem = null;
        try
        {
            using var timeout = new CancellationTokenSource(LookupTimeout);
            var addresses = await lookup(gateway.Host, timeout.Token);

            // Silos bind IPv4 by default: prefer an IPv4 address for a host name.
            address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            problem = address is null ? "no address" : null;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            address = null;
            problem = ex.Message;
        }

        var previous = _lastResolved.TryGetValue(gateway.Host, out var known) ? known : IPAddress.None;
        if (!Equals(previous, address))
        {
            _lastResolved[gateway.Host] = address;
            if (address is null)
            {
                LogUnresolved(logger, gateway.Host, problem);
            }
            else
            {
                LogResolved(logger, gateway.Host, address, gateway.Port);
            }
        }

        return address;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orleans:Gateways host '{Host}' does not resolve ({Problem}); the dashboard retries until it does")]
    private static partial void LogUnresolved(ILogger logger, string host, string? problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Orleans gateway '{Host}' resolves to {Address}:{Port}")]
    private static partial void LogResolved(ILogger logger, string host, IPAddress address, int port);
}
