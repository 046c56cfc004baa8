using YamlDotNet.RepresentationModel;

namespace OrleansTrading.Deployment.Tests.Support;

/// <summary>One service of the compose file, with variables substituted.</summary>
public sealed record ComposeService(
    string Name,
    string? BuildContext,
    string? Dockerfile,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<ComposeVolumeMount> Volumes,
    IReadOnlyList<ComposePort> Ports,
    IReadOnlyDictionary<string, string> DependsOn,
    IReadOnlyList<string> HealthCheck,
    string? Restart,
    YamlMappingNode Raw,
    IReadOnlyList<string> Profiles)
{
    /// <summary>Started by a plain <c>docker compose up</c> (a service without profiles).</summary>
    public bool IsDefault => Profiles.Count == 0;
}

/// <summary><c>source:target[:mode]</c>; Source is a named volume (or a host path).</summary>
public sealed record ComposeVolumeMount(string Source, string Target, bool ReadOnly);

/// <summary><c>[host_ip:]host_port:container_port</c> after substitution.</summary>
public sealed record ComposePort(string? HostIp, string HostPort, int ContainerPort);

/// <summary>
/// docker-compose.yml read with YamlDotNet and Compose's substitution applied to every value, with the variables the
/// caller gives (as Compose takes them from the shell or .env). Only the keys this project uses are modelled; the
/// file's full schema is validated by docker-compose itself in CI.
/// </summary>
public sealed class ComposeFile
{
    private ComposeFile(IReadOnlyDictionary<string, ComposeService> services, IReadOnlyList<string> volumes, YamlMappingNode raw)
    {
        Services = services;
        NamedVolumes = volumes;
        Raw = raw;
    }

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    public IReadOnlyList<string> NamedVolumes { get; }

    /// <summary>The file before substitution.</summary>
    public YamlMappingNode Raw { get; }

    public ComposeService this[string service] => Services[service];

    public static YamlMappingNode ReadRaw(string relativePath = "docker-compose.yml")
    {
        using var reader = new StreamReader(Repository.PathOf(relativePath));
        var yaml = new YamlStream();
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    public static ComposeFile Load(IReadOnlyDictionary<string, string> variables, string relativePath = "docker-compose.yml")
    {
        var root = ReadRaw(relativePath);
        string Value(YamlNode node) => ComposeInterpolation.Apply(((YamlScalarNode)node).Value ?? "", variables);

        var services = new Dictionary<string, ComposeService>(StringComparer.Ordinal);
        foreach (var (key, node) in Mapping(root, "services")!)
        {
            var name = ((YamlScalarNode)key).Value!;
            var service = (YamlMappingNode)node;
            var build = Child(service, "build");
            var (context, dockerfile) = build switch
            {
                YamlScalarNode scalar => (Value(scalar), (string?)null),
                YamlMappingNode map => (Child(map, "context") is { } c ? Value(c) : null, Child(map, "dockerfile") is { } d ? Value(d) : null),
                _ => ((string?)null, (string?)null),
            };

            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            switch (Child(service, "environment"))
            {
                case YamlMappingNode map:
                    foreach (var (k, v) in map)
                    {
                        environment[((YamlScalarNode)k).Value!] = Value(v);
                    }

                    break;
                case YamlSequenceNode list:
                    foreach (var item in list)
                    {
                        var pair = Value(item).Split('=', 2);
                        environment[pair[0]] = pair.Length > 1 ? pair[1] : "";
                    }

                    break;
            }

            var volumes = Sequence(service, "volumes").Select(v =>
            {
                var parts = Value(v).Split(':');
                return new ComposeVolumeMount(parts[0], parts[1], parts.Length > 2 && parts[2].Split(',').Contains("ro"));
            }).ToList();

            var ports = Sequence(service, "ports").Select(p =>
            {
                var parts = Value(p).Split(':');
                var container = int.Parse(parts[^1].Split('/')[0], System.Globalization.CultureInfo.InvariantCulture);
                return parts.Length == 3 ? new ComposePort(parts[0], parts[1], container) : new ComposePort(null, parts[0], container);
            }).ToList();

            var dependsOn = new Dictionary<string, string>(StringComparer.Ordinal);
            switch (Child(service, "depends_on"))
            {
                case YamlMappingNode map:
                    foreach (var (k, v) in map)
                    {
                        dependsOn[((YamlScalarNode)k).Value!] = Child((YamlMappingNode)v, "condition") is { } condition ? Value(condition) : "service_started";
                    }

                    break;
                case YamlSequenceNode list:
                    foreach (var item in list)
                    {
                        dependsOn[Value(item)] = "service_started";
                    }

                    break;
            }

            var healthCheck = Child(service, "healthcheck") is YamlMappingNode health && Child(health, "test") is { } test
                ? test is YamlSequenceNode items ? items.Select(Value).ToList() : ["CMD-SHELL", Value(test)]
                : new List<string>();
            var restart = Child(service, "restart") is { } r ? Value(r) : null;
            var profiles = Sequence(service, "profiles").Select(Value).ToList();
            services[name] = new ComposeService(name, context, dockerfile, environment, volumes, ports, dependsOn, healthCheck, restart, service, profiles);
        }

        var named = Mapping(root, "volumes")?.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList() ?? [];
        return new ComposeFile(services, named, root);
    }

    public static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static YamlMappingNode? Mapping(YamlMappingNode map, string key) => Child(map, key) as YamlMappingNode;

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode map, string key) =>
        Child(map, key) is YamlSequenceNode list ? list.Children : [];
}
