using System.Data.Common;
using System.Globalization;

namespace OrleansTrading.AppHost;

/// <summary>The settings each process of the local start is given, as environment variables on its resource.</summary>
public static class LocalRunResources
{
    /// <summary>
    /// A project of this repository in the local start: its settings come from here, not from its launch profile, and
    /// it logs one line per entry (the terminal shows several projects' logs interleaved).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddLocalProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name, options => options.ExcludeLaunchProfile = true)
            .WithEnvironment("Logging__Console__FormatterOptions__SingleLine", "true");

    /// <summary>The silo: its Orleans ports, its database under the local data folder, and the demo switch.</summary>
    public static IResourceBuilder<ProjectResource> AsLocalSilo(this IResourceBuilder<ProjectResource> silo, LocalRunSettings local) =>
        silo
            .WithEnvironment("Orleans__SiloPort", local.SiloPort.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("Orleans__GatewayPort", local.GatewayPort.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("Trading__Storage__ConnectionString", new DbConnectionStringBuilder { ["Data Source"] = local.DatabasePath }.ConnectionString)
            .WithDemoSwitch(local);

    /// <summary>A grain client of that silo (the dashboard, the demo market): the gateway and the demo switch.</summary>
    public static IResourceBuilder<ProjectResource> AsGrainClientOf(this IResourceBuilder<ProjectResource> client, LocalRunSettings local) =>
        client
            .WithEnvironment("Orleans__Gateways", local.Gateway)
            .WithDemoSwitch(local);

    /// <summary>An HTTP endpoint on a fixed port that the process binds itself (no orchestrator proxy in between).</summary>
    public static IResourceBuilder<ProjectResource> WithFixedHttpPort(this IResourceBuilder<ProjectResource> project, int port) =>
        project.WithHttpEndpoint(port: port, name: "http", isProxied: false);

    private static IResourceBuilder<ProjectResource> WithDemoSwitch(this IResourceBuilder<ProjectResource> project, LocalRunSettings local) =>
        project
            .WithEnvironment("Trading__Demo__Enabled", local.DemoEnabled ? "true" : "false")
            .WithEnvironment("Trading__Demo__IgnoreTradingWindow", local.DemoIgnoresTradingWindow ? "true" : "false");
}
