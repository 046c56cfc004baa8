using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansTrading.Grains.Journal;
using OrleansTrading.Grains.Venue;

namespace OrleansTrading.Grains.Tests.Support;

/// <summary>A cluster whose accounts talk to a <see cref="CorruptingVenue"/> (a pass-through until a test arms it).</summary>
public sealed class CorruptingVenueClusterFixture : IAsyncLifetime
{
    private readonly TempDatabase _database = new();

    public TestClock Clock { get; } = new(TestClock.InsideTradingWindow);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TradingDriver Trading => new(Cluster.Client, Clock);

    public CorruptingVenue Venue => Cluster.GetSiloServiceProvider().GetRequiredService<CorruptingVenue>();

    public ITradeJournal Journal => Cluster.GetSiloServiceProvider().GetRequiredService<ITradeJournal>();

    public async Task InitializeAsync() =>
        Cluster = await TradingCluster.StartAsync(_database.ConnectionString, Clock, services: services =>
        {
            services.AddSingleton<CorruptingVenue>();
            services.AddSingleton<IVenue>(sp => sp.GetRequiredService<CorruptingVenue>());
        });

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _database.Dispose();
    }
}
