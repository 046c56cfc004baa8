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

var silo = builder.AddProject<Projects.OrleansTrading_Silo>("silo", o => o.ExcludeLaunchProfile = true)
    .WithFixedHttpPort(local.ApiPort)
    .WithSingleLineLogs()
    .AsLocalSilo(local)
    .WithHttpHealthCheck("/health")
    .AnnounceApiWhenReady(local);

builder.AddProject<Projects.OrleansTrading_Dashboard>("dashboard", o => o.ExcludeLaunchProfile = true)
    .WithFixedHttpPort(local.DashboardPort)
    .WithSingleLineLogs()
    .AsGrainClientOf(local)
    .WithHttpHealthCheck("/health")
    .AnnounceDashboardWhenReady(local);

builder.RunProjectsFromBuildOutput();
builder.Services.AddHostedService<ResourceLogForwarder>();
builder.Services.AddHostedService<LocalRunSupervisor>();

await builder.Build().RunAsync();
return Environment.ExitCode;

// src/AppHost sits two folders below the repository root.
static string RepositoryRoot(string appHostDirectory) => Path.GetFullPath(Path.Combine(appHostDirectory, "..", ".."));
