using Microsoft.Extensions.DependencyInjection;
using OrleansTrading.AppHost;

// The one-command local start: `dotnet run --project src/AppHost` runs the silo (with its HTTP API) and the
// dashboard on loopback, the database under data/ at the repository root. Ctrl+C stops them all.
var builder = DistributedApplication.CreateBuilder(args);

LocalRunSettings local;
try
{
    local = LocalRunSettings.From(builder.Configuration, RepositoryRoot(builder.AppHostDirectory));
}
catch (InvalidLocalRunSettingsException ex)
{
    Console.Error.WriteLine($"orleans-trading: refusing to start: {ex.Message}");
    return 1;
}

var silo = builder.AddLocalProject<Projects.OrleansTrading_Silo>("silo")
    .WithFixedHttpPort(local.ApiPort)
    .AsLocalSilo(local)
    .WithHttpHealthCheck("/health")
    .AnnounceApiWhenReady(local);

builder.AddLocalProject<Projects.OrleansTrading_Dashboard>("dashboard")
    .WithFixedHttpPort(local.DashboardPort)
    .AsGrainClientOf(local)
    .WithHttpHealthCheck("/health")
    .AnnounceDashboardWhenReady(local);

// The demo market is one more grain client. Only added when on: a project that ends by itself stops the whole run.
// No WaitFor(silo): the demo waits for the gateway itself, and a resource left waiting on a silo that refused to
// start kept the whole command from stopping.
if (local.DemoEnabled)
{
    builder.AddLocalProject<Projects.OrleansTrading_DemoMarket>("demo-market")
        .AsGrainClientOf(local);
}

builder.RunProjectsFromBuildOutput();
builder.Services.AddHostedService<ResourceLogForwarder>();
builder.Services.AddHostedService<LocalRunSupervisor>();

await builder.Build().RunAsync();
return Environment.ExitCode;

// src/AppHost sits two folders below the repository root.
static string RepositoryRoot(string appHostDirectory) => Path.GetFullPath(Path.Combine(appHostDirectory, "..", ".."));
