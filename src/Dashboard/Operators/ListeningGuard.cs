using System.Net;

namespace OrleansTrading.Dashboard.Operators;

/// <summary>Without an operator password the controls are open to whoever reaches the page: loopback only, then.</summary>
public static class ListeningGuard
{
    /// <summary>A one-line refusal when an address beyond loopback is configured without a password; null when fine.</summary>
    public static string? Check(string? urls, bool requiresSignIn)
    {
        if (requiresSignIn || string.IsNullOrWhiteSpace(urls))
        {
            return null;
        }

        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var host = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
            host = host.Split('/')[0];
            host = host.StartsWith('[') ? host[1..host.IndexOf(']', StringComparison.Ordinal)] : host.Split(':')[0];
            var loopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                           || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
            if (!loopback)
            {
                return $"The dashboard would listen on {url} with unprotected controls: set Dashboard:OperatorPassword, or listen on loopback only.";
            }
        }

        return null;
    }
}
