using System.CommandLine;

namespace OrleansTrading.Client;

/// <summary>Options accepted by every command, before or after the command name.</summary>
public sealed class GlobalOptions
{
    public const string DefaultGateway = "localhost:30000";
    public const string DefaultClusterId = "orleans-trading";
    public const string DefaultServiceId = "orleans-trading";

    public Option<string> Gateway { get; } = new("--gateway")
    {
        Description = "The silo gateway as host:port (a hostname, an IPv4 address, or [IPv6]).",
        DefaultValueFactory = _ => DefaultGateway,
        Recursive = true,
    };

    public Option<string> ClusterId { get; } = new("--cluster-id")
    {
        Description = "The Orleans cluster id of the silo.",
        DefaultValueFactory = _ => DefaultClusterId,
        Recursive = true,
    };

    public Option<string> ServiceId { get; } = new("--service-id")
    {
        Description = "The Orleans service id of the silo.",
        DefaultValueFactory = _ => DefaultServiceId,
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the result as JSON (camelCase, enums as camelCase strings) instead of text.",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Add(Gateway);
        root.Add(ClusterId);
        root.Add(ServiceId);
        root.Add(Json);
    }
}
