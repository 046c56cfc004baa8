namespace OrleansTrading.Dashboard.Hosting;

/// <summary>
/// Parses <c>Orleans:Gateways</c> ("host:port[,host:port...]"); a malformed entry fails the start naming the setting.
/// Host names are kept as names: <see cref="ResolvingGatewayListProvider"/> resolves them each time Orleans asks.
/// </summary>
public static class GatewayList
{
    public const string Default = "localhost:30000";

    public static IReadOnlyList<GatewayEntry> Parse(string? value)
    {
        var entries = (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            throw new InvalidOperationException("Orleans:Gateways must list at least one gateway as host:port, e.g. localhost:30000.");
        }

        return entries.Select(Entry).ToList();
    }

    private static GatewayEntry Entry(string entry)
    {
        var colon = entry.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(entry[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"Orleans:Gateways entry '{entry}' is not host:port (port 1-65535).");
        }

        // An IPv6 literal is written [::1]:30000.
        var host = entry[..colon].Trim();
        host = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (host.Length == 0 || host.Any(char.IsWhiteSpace))
        {
            throw new InvalidOperationException($"Orleans:Gateways entry '{entry}' has no valid host.");
        }

        return new GatewayEntry(host, port);
    }
}
