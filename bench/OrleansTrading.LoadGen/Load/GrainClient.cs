using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using OrleansTrading.Abstractions;

namespace OrleansTrading.LoadGen.Load;

/// <summary>
/// An Orleans client of the silo under test (its gateway on loopback, the silo's default cluster and service ids),
/// in this process: the grain-client transport for signals and the no-op grain call baseline.
/// </summary>
public sealed class GrainClient : ISignalSender, IAsyncDisposable
{
    private readonly IHost _host;

    private GrainClient(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Grains { get; }

    public string Transport => "grain client";

    public static async Task<GrainClient> ConnectAsync(int gatewayPort, string clusterId)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client
            .UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort))
            .Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = clusterId;
                cluster.ServiceId = clusterId;
            }));
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(timeout.Token);
        return new GrainClient(host);
    }

    public async Task<SignalOutcome> SendAsync(LoadSignal signal)
    {
        try
        {
            var decision = await Grains.Account(signal.AccountId).SubmitSignalAsync(new TradeSignal(
                signal.SignalId, signal.Symbol, signal.Open ? OrderSide.Buy : OrderSide.Sell, signal.Quantity,
                signal.Open ? SignalAction.Open : SignalAction.Close));
            return decision.Status == SignalStatus.Accepted
                ? new SignalOutcome(OutcomeKind.Accepted, FilledQuantity: decision.FilledQuantity ?? 0m)
                : new SignalOutcome(OutcomeKind.Rejected, decision.Reason is { } reason ? JsonNamingPolicy.CamelCase.ConvertName(reason.ToString()) : "unknown");
        }
        catch (Exception ex)
        {
            // Any failure of the call (timeout, engine error, lost connection) is an error outcome, counted and reported.
            return SignalOutcome.Failed($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The silo may already be gone; the client is disposed either way.
        }

        _host.Dispose();
    }
}
