using System.CommandLine;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;
using OrleansTrading.Client.Connection;
using OrleansTrading.Client.Output;
using OrleansTrading.GatewaySecurity;

namespace OrleansTrading.Client;

/// <summary>
/// The steps every command shares: refuse bad arguments before connecting, connect (bounded), run the grain calls,
/// and turn connection and engine failures into a one-line message and an exit code instead of a stack trace.
/// </summary>
public sealed class CommandRunner(IEngineConnector connector, GlobalOptions globals, TextWriter output, TextWriter error, TimeProvider? clock = null,
    Func<string, string?>? environment = null)
{
    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    public delegate Task<int> EngineWork(ITradingEngine engine, OutputWriter output, CancellationToken cancellationToken);

    public async Task<int> RunAsync(ParseResult parse, ArgumentChecks checks, EngineWork work, CancellationToken cancellationToken)
    {
        var writer = new OutputWriter(output, error, parse.GetValue(globals.Json));
        var gateway = checks.Gateway(parse.GetValue(globals.Gateway));
        var clusterId = checks.NotBlank(parse.GetValue(globals.ClusterId), "--cluster-id");
        var serviceId = checks.NotBlank(parse.GetValue(globals.ServiceId), "--service-id");
        var clusterDatabase = parse.GetValue(globals.ClusterDatabase) ?? _environment(GlobalOptions.ClusterDatabaseVariable);
        if (clusterDatabase is not null && !IsClusterDatabase(clusterDatabase))
        {
            checks.Add($"--cluster-database (or {GlobalOptions.ClusterDatabaseVariable}) must be an Npgsql connection string with a Host and a Database, " +
                       "e.g. 'Host=db;Database=trading;Username=trading;Password=...'.");
        }

        if (!checks.IsValid || gateway is null)
        {
            return writer.Fail(InvalidArguments(checks.Problems));
        }

        GatewayTlsCredentials? tls = null;
        var (tlsSettings, tlsNames) = ClientCertificateSettings.Resolve(parse, globals, _environment);
        if (tlsSettings.IsAnySet)
        {
            try
            {
                tls = GatewayTlsCredentials.Load(tlsSettings, tlsNames, PeerCertificatePolicy.ServerAuthentication);
            }
            catch (GatewayTlsException ex)
            {
                return writer.Fail(InvalidArguments([ex.Message]));
            }
        }

        try
        {
            await using var engine = await connector.ConnectAsync(new ClusterTarget(gateway, clusterId, serviceId, tls, clusterDatabase), cancellationToken);
            return await work(engine, writer, cancellationToken);
        }
        catch (EngineUnavailableException ex)
        {
            return writer.Fail(ErrorCodes.ClusterUnavailable, ExitCodes.ClusterUnavailable, ex.Message);
        }
        catch (SignalIdConflictException ex)
        {
            return writer.Fail(new CliError(ErrorCodes.SignalIdConflict, ExitCodes.SignalIdConflict, ex.Message,
                FirstDecision: ex.FirstDecision, DifferingFields: ex.DifferingFields));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return writer.Fail(ErrorCodes.Cancelled, ExitCodes.Cancelled, "Cancelled.");
        }
        catch (InvalidInputException ex)
        {
            // The engine validates again at the grain boundary (and checks quotes against the market); our own
            // checks make the rest rare. Only this type is the caller's fault: any other exception is an engine failure.
            return writer.Fail(ErrorCodes.InvalidInput, ExitCodes.InvalidArguments, $"The engine refused the request: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A storage or grain failure on the silo side (an ArgumentException from inside the engine included):
            // report it in one line, the details are in the silo's log.
            return writer.Fail(ErrorCodes.EngineError, ExitCodes.EngineError, $"The engine failed to process the request ({ex.GetType().Name}): {ex.Message}");
        }
    }

    private static bool IsClusterDatabase(string value)
    {
        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(value);
            return !string.IsNullOrWhiteSpace(builder.Host) && !string.IsNullOrWhiteSpace(builder.Database);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Arguments refused before anything was sent: every problem, each on its own line.</summary>
    public static CliError InvalidArguments(IReadOnlyList<string> problems) =>
        new(ErrorCodes.InvalidArguments, ExitCodes.InvalidArguments, "Invalid arguments: nothing was sent.", Problems: problems);
}
