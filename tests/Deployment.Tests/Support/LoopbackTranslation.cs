using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace OrleansTrading.Deployment.Tests.Support;

/// <summary>
/// Turns what a container gets (its image's ENV, then the compose file's environment) into the environment of a plain
/// process on this machine, changing only what exists solely inside containers, and saying what it changed:
/// <list type="bullet">
/// <item>a named volume's mount point becomes a folder of its own (shared by every service mounting the volume);</item>
/// <item>a listening URL on every interface (<c>http://+:8080</c>) and the Orleans ports become free loopback ports;</item>
/// <item><c>Orleans:ListenOnAnyAddress=true</c> becomes false: tests bind nothing beyond loopback (mutual TLS stays on: the silo uses configured TLS on loopback too);</item>
/// <item>a service name (in <c>Orleans:AdvertisedHost</c>, or <c>silo:30000</c>) becomes <c>localhost</c>, still a name to resolve.</item>
/// </list>
/// Everything else passes through untouched, so a setting that only works inside a container fails the smoke test.
/// </summary>
public sealed partial class LoopbackTranslation(ComposeFile compose, string root)
{
    private readonly Dictionary<(string Service, int ContainerPort), int> _ports = [];

    public IReadOnlyDictionary<(string Service, int ContainerPort), int> Ports => _ports;

    /// <summary>The host folder standing in for a named volume.</summary>
    public string VolumeFolder(string volume)
    {
        var folder = Path.Combine(root, "volumes", volume);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public int PortOf(string service, int containerPort) => _ports[(service, containerPort)];

    /// <summary>The process environment for a service, and the keys whose values were translated.</summary>
    public (Dictionary<string, string> Environment, SortedSet<string> Translated) EnvironmentFor(
        ComposeService service, IReadOnlyDictionary<string, string> imageEnvironment)
    {
        var environment = new Dictionary<string, string>(imageEnvironment, StringComparer.Ordinal);
        foreach (var (key, value) in service.Environment)
        {
            environment[key] = value;
        }

        var translated = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in environment.Keys.ToList())
        {
            var before = environment[key];
            var after = Translate(service, key, before);
            if (after != before)
            {
                environment[key] = after;
                translated.Add(key);
            }
        }

        return (environment, translated);
    }

    /// <summary>A healthcheck command with the container's own port replaced by the process's.</summary>
    public string HealthProbe(ComposeService service, string command) =>
        TcpProbe().Replace(command, m => $"/dev/tcp/127.0.0.1/{PortOf(service.Name, int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture))}");

    private string Translate(ComposeService service, string key, string value)
    {
        foreach (var mount in service.Volumes.Where(m => compose.NamedVolumes.Contains(m.Source)))
        {
            value = Regex.Replace(value, $@"(?<=^|[\s=;,:]){Regex.Escape(mount.Target)}(?=/|$|[\s;,])", VolumeFolder(mount.Source).Replace("$", "$$"));
        }

        switch (key)
        {
            case "ASPNETCORE_URLS":
                return string.Join(';', value.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(url => LoopbackUrl(service, url)));
            case "Orleans__ListenOnAnyAddress" when value.Equals("true", StringComparison.OrdinalIgnoreCase):
                return "false";
            case "Orleans__SiloPort" or "Orleans__GatewayPort":
                return Allocate(service.Name, int.Parse(value, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
            case "Orleans__AdvertisedHost" when compose.Services.ContainsKey(value):
                return "localhost";
        }

        return ServiceEndpoint().Replace(value, m => compose.Services.ContainsKey(m.Groups["service"].Value)
            ? $"localhost:{Allocate(m.Groups["service"].Value, int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture))}"
            : m.Value);
    }

    private string LoopbackUrl(ComposeService service, string url)
    {
        var match = AnyAddressUrl().Match(url);
        return match.Success
            ? $"{match.Groups["scheme"].Value}://127.0.0.1:{Allocate(service.Name, int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture))}"
            : url;
    }

    /// <summary>One free loopback port per (service, container port), the same one wherever it is referenced.</summary>
    private int Allocate(string service, int containerPort)
    {
        if (!_ports.TryGetValue((service, containerPort), out var port))
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            _ports[(service, containerPort)] = port;
        }

        return port;
    }

    [GeneratedRegex(@"^(?<scheme>https?)://(\+|\*|0\.0\.0\.0|\[::\]):(?<port>\d+)/?$")]
    private static partial Regex AnyAddressUrl();

    [GeneratedRegex(@"(?<![\w.-])(?<service>[a-z][a-z0-9_-]*):(?<port>\d{1,5})(?![\w.])")]
    private static partial Regex ServiceEndpoint();

    [GeneratedRegex(@"/dev/tcp/(127\.0\.0\.1|localhost)/(?<port>\d+)")]
    private static partial Regex TcpProbe();
}
