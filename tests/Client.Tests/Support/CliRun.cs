namespace OrleansTrading.Client.Tests.Support;

/// <summary>One in-process run of the client: its exit code and what it wrote to stdout and stderr.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs with an empty environment, so the machine's own ORLEANS_TRADING_* variables cannot change a test.</summary>
    public static Task<CliRun> RunAsync(FakeConnector connector, params string[] args) =>
        RunWithEnvironmentAsync(connector, new Dictionary<string, string>(), args);

    public static async Task<CliRun> RunWithEnvironmentAsync(FakeConnector connector, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await TradingCli.RunAsync(args, connector, output, error, environment: name => environment.GetValueOrDefault(name));
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
