namespace OrleansTrading.Client.Tests.Support;

/// <summary>One in-process run of the client: its exit code and what it wrote to stdout and stderr.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(FakeConnector connector, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await TradingCli.RunAsync(args, connector, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
