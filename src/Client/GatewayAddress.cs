using System.Globalization;

namespace OrleansTrading.Client;

/// <summary>A gateway endpoint as typed by the user: <c>host:port</c>, <c>1.2.3.4:port</c> or <c>[::1]:port</c>.</summary>
public sealed record GatewayAddress(string Host, int Port)
{
    public const string Expected = "use host:port, e.g. localhost:30000, 10.0.0.5:30000 or [::1]:30000";

    public static bool TryParse(string? text, out GatewayAddress? gateway, out string problem)
    {
        gateway = null;
        problem = "";
        var value = text?.Trim() ?? "";
        var separator = value.LastIndexOf(':');
        if (separator <= 0 || separator == value.Length - 1)
        {
            problem = $"--gateway '{text}' is not valid: {Expected}.";
            return false;
        }

        var host = value[..separator];
        var portText = value[(separator + 1)..];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
            if (Uri.CheckHostName(host) != UriHostNameType.IPv6)
            {
                problem = $"--gateway '{text}': '{host}' is not an IPv6 address.";
                return false;
            }
        }
        else if (host.Contains(':'))
        {
            problem = $"--gateway '{text}' is not valid: put an IPv6 address in brackets, e.g. [::1]:30000.";
            return false;
        }
        else if (Uri.CheckHostName(host) is not (UriHostNameType.Dns or UriHostNameType.IPv4))
        {
            problem = $"--gateway '{text}': '{host}' is not a valid hostname or IP address.";
            return false;
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            problem = $"--gateway '{text}': the port must be a number from 1 to 65535.";
            return false;
        }

        gateway = new GatewayAddress(host, port);
        return true;
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
