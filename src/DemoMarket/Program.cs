using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansTrading.DemoMarket.Hosting;
using OrleansTrading.GatewaySecurity;

// A client of the silo like any other: `dotnet run --project src/DemoMarket` against a running silo; Ctrl+C stops it.
try
{
    var builder = DemoMarketHost.CreateBuilder(args);
    builder.AddDemoMarket();
    using var host = builder.Build();
    await host.RunAsync();
    return 0;
}
catch (Exception refusal) when (Refusal(refusal) is { } reason)
{
    Console.Error.WriteLine($"orleans-trading demo: refusing to start: {reason}");
    return 1;
}
catch (OperationCanceledException)
{
    // Ctrl+C while still waiting for the silo: nothing was started, nothing to say but that.
    Console.Error.WriteLine("orleans-trading demo: stopped before the silo answered");
    return 130;
}

// A deliberate refusal (not enabled, a bad setting, bad TLS files) as one line; anything else stays a crash with its trace.
static string? Refusal(Exception exception) => exception switch
{
    DemoRefusedException or GatewayTlsException => exception.Message,
    OptionsValidationException invalid => string.Join(" ", invalid.Failures),
    // The configuration binder names the key it could not convert ("Failed to convert configuration value at 'Trading:Demo:Seed'").
    InvalidOperationException when exception.Message.Contains("configuration value", StringComparison.Ordinal) => exception.Message,
    _ => null,
};
