using System.Net;

namespace OrleansTrading.Silo.Hosting;

/// <summary>
/// Without an API key the HTTP API must stay on loopback: anyone who can reach it can trade.
/// Reads the same settings Kestrel binds from (urls, http_ports/https_ports, Kestrel:Endpoints).
/// </summary>
public static class ListeningAddressGuard
{
    /// <summary>Returns an error message when the API would listen beyond loopback with no key, else null.</summary>
    public static string? Check(IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration["Trading:Api:Key"]))
        {
            return null;
        }

        var exposed = ConfiguredUrls(configuration).Where(url => !IsLoopback(url)).ToList();
        if (!string.IsNullOrWhiteSpace(configuration["http_ports"]) || !string.IsNullOrWhiteSpace(configuration["https_ports"]))
        {
            exposed.Add($"ports {configuration["http_ports"]}{configuration["https_ports"]} on all interfaces");
        }

        return exposed.Count == 0
            ? null
            : $"Refusing to listen on {string.Join(", ", exposed)} without an API key: set Trading:Api:Key " +
              "(environment variable Trading__Api__Key) or listen on loopback only (e.g. ASPNETCORE_URLS=http://127.0.0.1:5000).";
    }

    private static IEnumerable<string> ConfiguredUrls(IConfiguration configuration)
    {
        var urls = configuration["urls"];
        if (!string.IsNullOrWhiteSpace(urls))
        {
            foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return url;
            }
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                yield return url;
            }
        }
    }

    internal static bool IsLoopback(string url)
    {
        // Kestrel accepts wildcard hosts ("*", "+") that Uri cannot parse: those mean every interface.
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var rest = schemeEnd >= 0 ? url[(schemeEnd + 3)..] : url;
        var host = rest.StartsWith('[') ? rest[..(rest.IndexOf(']') + 1)] : rest.Split(':', '/')[0];
        host = host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }
}
